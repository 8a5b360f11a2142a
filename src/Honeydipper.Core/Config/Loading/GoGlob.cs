namespace Honeydipper.Core.Config.Loading;

/// <summary>
/// Go's <c>filepath.Glob</c> over the file system: <c>*</c> and <c>?</c> never cross a <c>/</c>, classes are
/// <c>[abc]</c>, <c>[a-z]</c> and <c>[^a]</c>, <c>\</c> escapes; matches come back sorted per folder. No <c>**</c>.
/// </summary>
public static class GoGlob
{
    public static bool HasMeta(string pattern) => pattern.AsSpan().IndexOfAny("*?[\\") >= 0;

    /// <summary>Every existing path that matches an absolute pattern, in Go's order.</summary>
    /// <exception cref="FormatException">The pattern is malformed (an unclosed class).</exception>
    public static List<string> Expand(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!HasMeta(pattern))
        {
            return File.Exists(pattern) || Directory.Exists(pattern) ? [pattern] : [];
        }

        string root = Path.GetPathRoot(pattern) ?? "/";
        string[] segments = pattern[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (string segment in segments)
        {
            Validate(segment); // Go rejects a malformed pattern even where no folder exists to match it against
        }

        List<string> found = [];
        Walk(root, segments, 0, found);
        return found;
    }

    private static void Walk(string dir, string[] segments, int index, List<string> found)
    {
        string segment = segments[index];
        bool last = index == segments.Length - 1;
        IEnumerable<string> candidates;
        if (!HasMeta(segment))
        {
            string path = Path.Combine(dir, segment);
            candidates = File.Exists(path) || Directory.Exists(path) ? [path] : [];
        }
        else
        {
            if (!Directory.Exists(dir))
            {
                return;
            }

            candidates = Directory.EnumerateFileSystemEntries(dir)
                .Where(p => Match(segment, Path.GetFileName(p)))
                .Order(StringComparer.Ordinal);
        }

        foreach (string path in candidates)
        {
            if (last)
            {
                found.Add(path);
            }
            else if (Directory.Exists(path))
            {
                Walk(path, segments, index + 1, found);
            }
        }
    }

    /// <summary>Throws for a malformed pattern: an unclosed class or a trailing backslash.</summary>
    public static void Validate(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
                if (i >= pattern.Length)
                {
                    throw new FormatException("syntax error in pattern: trailing \\");
                }
            }
            else if (pattern[i] == '[')
            {
                i = MatchClass(pattern, i, '\0').Next - 1;
            }
        }
    }

    /// <summary>Go's <c>filepath.Match</c> of one path segment.</summary>
    public static bool Match(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        return MatchFrom(pattern, 0, name, 0);
    }

    private static bool MatchFrom(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            char c = p[pi];
            if (c == '*')
            {
                while (pi < p.Length && p[pi] == '*')
                {
                    pi++;
                }

                if (pi == p.Length)
                {
                    return s.IndexOf('/', si) < 0;
                }

                for (int k = si; k <= s.Length; k++)
                {
                    if (MatchFrom(p, pi, s, k))
                    {
                        return true;
                    }

                    if (k < s.Length && s[k] == '/')
                    {
                        break;
                    }
                }

                return false;
            }

            if (si >= s.Length)
            {
                // A malformed class after the end of the name is still an error in Go.
                if (c == '[')
                {
                    _ = MatchClass(p, pi, '\0');
                }

                return false;
            }

            switch (c)
            {
                case '?':
                    if (s[si] == '/')
                    {
                        return false;
                    }

                    pi++;
                    si++;
                    break;
                case '[':
                    (bool ok, int next) = MatchClass(p, pi, s[si]);
                    if (!ok || s[si] == '/')
                    {
                        return false;
                    }

                    pi = next;
                    si++;
                    break;
                case '\\':
                    pi++;
                    if (pi >= p.Length)
                    {
                        throw new FormatException("syntax error in pattern: trailing \\");
                    }

                    if (p[pi] != s[si])
                    {
                        return false;
                    }

                    pi++;
                    si++;
                    break;
                default:
                    if (c != s[si])
                    {
                        return false;
                    }

                    pi++;
                    si++;
                    break;
            }
        }

        return si == s.Length;
    }

    private static (bool Matched, int Next) MatchClass(string p, int start, char ch)
    {
        int i = start + 1;
        bool negated = i < p.Length && p[i] == '^';
        if (negated)
        {
            i++;
        }

        bool matched = false;
        bool first = true;
        while (true)
        {
            if (i >= p.Length)
            {
                throw new FormatException($"syntax error in pattern: unclosed [ in \"{p}\"");
            }

            if (p[i] == ']' && !first)
            {
                i++;
                break;
            }

            first = false;
            char lo = ReadClassChar(p, ref i);
            char hi = lo;
            if (i + 1 < p.Length && p[i] == '-' && p[i + 1] != ']')
            {
                i++;
                hi = ReadClassChar(p, ref i);
            }

            if (lo <= ch && ch <= hi)
            {
                matched = true;
            }
        }

        return (matched != negated, i);
    }

    private static char ReadClassChar(string p, ref int i)
    {
        if (p[i] == '\\')
        {
            i++;
            if (i >= p.Length)
            {
                throw new FormatException("syntax error in pattern: trailing \\");
            }
        }

        return p[i++];
    }
}
