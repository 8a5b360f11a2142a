using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Honeydipper.Core.Matching;

/// <summary>
/// A Go (RE2) regular expression running on .NET: the pattern is translated once (see <see cref="Re2Translator"/>) and
/// run by .NET's non-backtracking engine, so matching time stays linear in the input as with RE2. The operations
/// (<see cref="ReplaceAll"/>, <see cref="FindAll"/>, <see cref="Split"/>) follow Go's rules, including Go's <c>$1</c> /
/// <c>${name}</c> expansion and its handling of empty matches. Known difference: <c>\b</c> and <c>\B</c> use .NET's
/// Unicode word characters, where Go's are ASCII only.
/// </summary>
public sealed class GoRegex
{
    private const int CacheLimit = 4096;
    private static readonly ConcurrentDictionary<string, object> Cache = new(StringComparer.Ordinal);

    private GoRegex(string pattern, Regex regex, IReadOnlyList<string?> names)
    {
        Pattern = pattern;
        Regex = regex;
        GroupNames = names;
    }

    /// <summary>The Go pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>The translated .NET regex; its groups are numbered as Go numbers them.</summary>
    public Regex Regex { get; }

    /// <summary>Capture names by group number (null for unnamed groups and for group 0).</summary>
    public IReadOnlyList<string?> GroupNames { get; }

    /// <summary>Compiles a Go pattern, from a process-wide cache.</summary>
    /// <exception cref="GoRegexException">The pattern is invalid in Go, or uses RE2 syntax we cannot express.</exception>
    public static GoRegex Compile(string pattern) =>
        TryCompile(pattern, out GoRegex? regex, out string? error) ? regex : throw new GoRegexException(error);

    public static bool TryCompile(
        string pattern,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GoRegex? regex,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!Cache.TryGetValue(pattern, out object? cached))
        {
            cached = Build(pattern);
            if (Cache.Count >= CacheLimit)
            {
                // Patterns come from configuration, so the cache rarely fills; when it does, start over rather than grow.
                Cache.Clear();
            }

            Cache.TryAdd(pattern, cached);
        }

        regex = cached as GoRegex;
        error = cached as string;
        return regex is not null;
    }

    private static object Build(string pattern)
    {
        try
        {
            (string translated, IReadOnlyList<string?> names) = Re2Translator.Translate(pattern);
            Regex regex = new(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            return new GoRegex(pattern, regex, names);
        }
        catch (GoRegexException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return $"error parsing regexp: {e.Message}: `{pattern}`";
        }
    }

    /// <summary>Go's <c>MatchString</c>: true when the pattern matches anywhere in the input.</summary>
    public bool IsMatch(string input) => Regex.IsMatch(input);

    /// <summary>Go's <c>FindString</c>: the leftmost match, or "" when there is none.</summary>
    public string Find(string input)
    {
        Match m = Regex.Match(input);
        return m.Success ? m.Value : string.Empty;
    }

    /// <summary>Go's <c>FindAllString</c>: at most n matches (all when n &lt; 0); null when n is 0 or nothing matches.</summary>
    public List<string>? FindAll(string input, int n)
    {
        List<Match> matches = AllMatches(input, n);
        return matches.Count == 0 ? null : matches.ConvertAll(m => m.Value);
    }

    /// <summary>Go's <c>ReplaceAllString</c>, expanding <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c> and <c>$$</c>.</summary>
    public string ReplaceAll(string input, string template) => Replace(input, (sb, m) => Expand(sb, template, m));

    /// <summary>Go's <c>ReplaceAllLiteralString</c>: the replacement is used as written.</summary>
    public string ReplaceAllLiteral(string input, string replacement) => Replace(input, (sb, _) => sb.Append(replacement));

    /// <summary>Go's <c>Split</c>: the text between matches, at most n pieces (all when n &lt; 0); null when n is 0.</summary>
    public List<string>? Split(string input, int n)
    {
        if (n == 0)
        {
            return null;
        }

        if (Pattern.Length > 0 && input.Length == 0)
        {
            return [string.Empty];
        }

        List<string> pieces = [];
        int begin = 0;
        int end = 0;
        foreach (Match m in AllMatches(input, n))
        {
            if (n > 0 && pieces.Count == n - 1)
            {
                break;
            }

            end = m.Index;
            if (m.Index + m.Length != 0)
            {
                pieces.Add(input[begin..end]);
            }

            begin = m.Index + m.Length;
        }

        if (end != input.Length)
        {
            pieces.Add(input[begin..]);
        }

        return pieces;
    }

    private List<Match> AllMatches(string input, int n)
    {
        List<Match> result = [];
        if (n == 0)
        {
            return result;
        }

        int pos = 0;
        int prevEnd = -1;
        while (pos <= input.Length && (n < 0 || result.Count < n))
        {
            Match m = Regex.Match(input, pos);
            if (!m.Success)
            {
                break;
            }

            bool accept = true;
            int matchEnd = m.Index + m.Length;
            if (m.Length == 0)
            {
                // Go skips an empty match that touches the end of the previous match.
                accept = m.Index != prevEnd;
                pos = matchEnd >= input.Length ? input.Length + 1 : matchEnd + Width(input, matchEnd);
            }
            else
            {
                pos = matchEnd;
            }

            prevEnd = matchEnd;
            if (accept)
            {
                result.Add(m);
            }
        }

        return result;
    }

    private string Replace(string input, Action<StringBuilder, Match> replacement)
    {
        StringBuilder sb = new();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= input.Length)
        {
            Match m = Regex.Match(input, searchPos);
            if (!m.Success)
            {
                break;
            }

            int end = m.Index + m.Length;
            sb.Append(input, lastMatchEnd, m.Index - lastMatchEnd);
            // No replacement for an empty match right after another match (Go avoids doubling there).
            if (end > lastMatchEnd || m.Index == 0)
            {
                replacement(sb, m);
            }

            lastMatchEnd = end;
            int width = searchPos < input.Length ? Width(input, searchPos) : 0;
            if (searchPos + width > end)
            {
                searchPos += width;
            }
            else if (searchPos + 1 > end)
            {
                searchPos++;
            }
            else
            {
                searchPos = end;
            }
        }

        sb.Append(input, lastMatchEnd, input.Length - lastMatchEnd);
        return sb.ToString();
    }

    private static int Width(string s, int i) =>
        i < s.Length && char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;

    private void Expand(StringBuilder sb, string template, Match match)
    {
        int i = 0;
        while (i < template.Length)
        {
            int dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                break;
            }

            sb.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }

            if (!TryExtract(template, i, out string name, out int number, out int next))
            {
                // Malformed reference: Go keeps the dollar sign as text.
                sb.Append('$');
                continue;
            }

            i = next;
            int group = number >= 0 ? number : IndexOfName(name);
            if (group >= 0 && group < match.Groups.Count && match.Groups[group].Success)
            {
                sb.Append(match.Groups[group].Value);
            }
        }

        sb.Append(template, i, template.Length - i);
    }

    private int IndexOfName(string name)
    {
        for (int k = 0; k < GroupNames.Count; k++)
        {
            if (GroupNames[k] == name)
            {
                return k;
            }
        }

        return -1;
    }

    private static bool TryExtract(string s, int i, out string name, out int number, out int next)
    {
        name = string.Empty;
        number = -1;
        next = i;
        if (i >= s.Length)
        {
            return false;
        }

        bool brace = s[i] == '{';
        int j = brace ? i + 1 : i;
        int start = j;
        while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_' || char.IsSurrogate(s[j])))
        {
            j++;
        }

        if (j == start)
        {
            return false;
        }

        name = s[start..j];
        if (brace)
        {
            if (j >= s.Length || s[j] != '}')
            {
                return false;
            }

            j++;
        }

        number = 0;
        foreach (char c in name)
        {
            if (!char.IsAsciiDigit(c) || number >= 100_000_000)
            {
                number = -1;
                break;
            }

            number = (number * 10) + (c - '0');
        }

        if (name.Length > 1 && name[0] == '0')
        {
            number = -1;
        }

        next = j;
        return true;
    }
}
