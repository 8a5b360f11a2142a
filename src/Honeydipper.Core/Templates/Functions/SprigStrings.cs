using System.Globalization;
using System.Text;
using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// sprig's string functions. Go strings are UTF-8 bytes, and several sprig functions count and cut bytes
/// (<c>trunc</c>, <c>substr</c>, <c>abbrev</c>, <c>wrap</c>); we do the same, so results match Go on non-ASCII text too.
/// </summary>
internal static class SprigStrings
{
    public static IEnumerable<TemplateFunction> All() =>
    [
        F("hello", [], _ => "Hello!"),
        F("abbrev", [I, S], a => Abbrev((int)a[0]!, (string)a[1]!)),
        F("abbrevboth", [I, I, S], a => AbbrevBoth((int)a[0]!, (int)a[1]!, (string)a[2]!)),
        F("trunc", [I, S], a => Trunc((int)a[0]!, (string)a[1]!)),
        F("trim", [S], a => ((string)a[0]!).Trim()),
        F("upper", [S], a => ((string)a[0]!).ToUpperInvariant()),
        F("lower", [S], a => ((string)a[0]!).ToLowerInvariant()),
        F("title", [S], a => Title((string)a[0]!)),
        F("untitle", [S], a => Untitle((string)a[0]!)),
        F("substr", [I, I, S], a => Substr((int)a[0]!, (int)a[1]!, (string)a[2]!)),
        C("repeat", [I, S], null, (c, a) => Repeat(c, (int)a[0]!, (string)a[1]!)),
        F("trimall", [S, S], a => ((string)a[1]!).Trim(((string)a[0]!).ToCharArray())),
        F("trimAll", [S, S], a => ((string)a[1]!).Trim(((string)a[0]!).ToCharArray())),
        F("trimSuffix", [S, S], a => TrimSuffix((string)a[1]!, (string)a[0]!)),
        F("trimPrefix", [S, S], a => TrimPrefix((string)a[1]!, (string)a[0]!)),
        F("nospace", [S], a => NoSpace((string)a[0]!)),
        F("initials", [S], a => Initials((string)a[0]!)),
        F("swapcase", [S], a => SwapCase((string)a[0]!)),
        F("shuffle", [S], a => Shuffle((string)a[0]!)),
        F("snakecase", [S], a => CaseConverter.ToLowerCase((string)a[0]!, '_')),
        F("kebabcase", [S], a => CaseConverter.ToLowerCase((string)a[0]!, '-')),
        F("camelcase", [S], a => CaseConverter.ToCamelCase((string)a[0]!)),
        F("wrap", [I, S], a => Wrap((string)a[1]!, (int)a[0]!, "\n", false)),
        F("wrapWith", [I, S, S], a => Wrap((string)a[2]!, (int)a[0]!, (string)a[1]!, true)),
        F("contains", [S, S], a => ((string)a[1]!).Contains((string)a[0]!, StringComparison.Ordinal)),
        F("hasPrefix", [S, S], a => ((string)a[1]!).StartsWith((string)a[0]!, StringComparison.Ordinal)),
        F("hasSuffix", [S, S], a => ((string)a[1]!).EndsWith((string)a[0]!, StringComparison.Ordinal)),
        V("quote", [], A, a => string.Join(' ', a.Where(v => v is not null).Select(v => GoStrings.Quote(Cast.StrVal(v))))),
        V("squote", [], A, a => string.Join(' ', a.Where(v => v is not null).Select(v => "'" + GoValueFormatter.Format(v) + "'"))),
        V("cat", [], A, a => string.Join(' ', a.Where(v => v is not null).Select(GoValueFormatter.Format))),
        C("indent", [I, S], null, (c, a) => Indent(c, (int)a[0]!, (string)a[1]!)),
        C("nindent", [I, S], null, (c, a) => "\n" + Indent(c, (int)a[0]!, (string)a[1]!)),
        F("replace", [S, S, S], a => Replace((string)a[2]!, (string)a[0]!, (string)a[1]!)),
        F("plural", [S, S, I], a => (int)a[2]! == 1 ? a[0] : a[1]),
        F("toString", [A], a => Cast.StrVal(a[0])),
        F("splitList", [S, S], a => new GoTypedList("string", Split((string)a[1]!, (string)a[0]!, -1))),
        F("split", [S, S], a => ToIndexMap(Split((string)a[1]!, (string)a[0]!, -1))),
        F("splitn", [S, I, S], a => ToIndexMap(Split((string)a[2]!, (string)a[0]!, (int)a[1]!))),
        F("toStrings", [A], a => StrSlice(a[0])),
        F("join", [S, A], a => string.Join((string)a[0]!, StrSlice(a[1]))),
        F("sortAlpha", [A], a => SortAlpha(a[0])),
    ];

    /// <summary>sprig's <c>strslice</c>: a list of strings from any list (nils dropped), or one string from anything else.</summary>
    public static GoTypedList StrSlice(object? v)
    {
        GoTypedList result = new("string");
        switch (v)
        {
            case null:
                break;
            case IList<object?> list:
                foreach (object? item in list)
                {
                    if (item is not null)
                    {
                        result.Add(Cast.StrVal(item));
                    }
                }

                break;
            case byte[] bytes:
                result.AddRange(bytes.Select(b => (object?)GoValueFormatter.Format(b)));
                break;
            default:
                result.Add(Cast.StrVal(v));
                break;
        }

        return result;
    }

    private static GoTypedList SortAlpha(object? list)
    {
        if (list is IList<object?> or byte[])
        {
            GoTypedList sorted = StrSlice(list);
            sorted.Sort((x, y) => GoValueFormatter.CompareUtf8((string?)x, (string?)y));
            return sorted;
        }

        return new GoTypedList("string") { Cast.StrVal(list) };
    }

    private static GoStringMap ToIndexMap(List<object?> parts)
    {
        GoStringMap map = [];
        for (int i = 0; i < parts.Count; i++)
        {
            map["_" + i.ToString(CultureInfo.InvariantCulture)] = parts[i];
        }

        return map;
    }

    /// <summary>Go's <c>strings.SplitN</c> (n &lt; 0: all); an empty separator splits after each character.</summary>
    public static List<object?> Split(string s, string sep, int n)
    {
        if (n == 0)
        {
            return [];
        }

        if (sep.Length == 0)
        {
            List<object?> runes = [.. s.EnumerateRunes().Select(r => (object?)r.ToString())];
            if (n > 0 && runes.Count > n)
            {
                string tail = string.Concat(runes.Skip(n - 1).Cast<string>());
                runes = [.. runes.Take(n - 1), tail];
            }

            return runes;
        }

        string[] parts = n < 0 ? s.Split(sep) : s.Split(sep, n);
        return [.. parts];
    }

    private static string Replace(string src, string old, string replacement)
    {
        if (old.Length > 0)
        {
            return src.Replace(old, replacement, StringComparison.Ordinal);
        }

        StringBuilder sb = new(replacement);
        foreach (Rune r in src.EnumerateRunes())
        {
            sb.Append(r.ToString()).Append(replacement);
        }

        return sb.ToString();
    }

    private static string Indent(TemplateFunctionContext c, int spaces, string v)
    {
        string pad = new(' ', Math.Max(0, spaces));
        c.CheckSize((long)pad.Length * (v.Count(ch => ch == '\n') + 1) + v.Length, "indent");
        return pad + v.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    private static string Repeat(TemplateFunctionContext c, int count, string s)
    {
        if (count < 0)
        {
            throw new InvalidOperationException("strings: negative Repeat count");
        }

        c.CheckSize((long)count * s.Length, "repeat");
        return new StringBuilder(count * s.Length).Insert(0, s, count).ToString();
    }

    private static string TrimSuffix(string s, string suffix) =>
        suffix.Length > 0 && s.EndsWith(suffix, StringComparison.Ordinal) ? s[..^suffix.Length] : s;

    private static string TrimPrefix(string s, string prefix) =>
        prefix.Length > 0 && s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;

    private static string Trunc(int c, string s)
    {
        int len = GoStrings.Utf8Length(s);
        if (c < 0 && len + c > 0)
        {
            return GoStrings.ByteSlice(s, len + c, len);
        }

        if (c >= 0 && len > c)
        {
            return GoStrings.ByteSlice(s, 0, c);
        }

        return s;
    }

    private static string Substr(int start, int end, string s)
    {
        int len = GoStrings.Utf8Length(s);
        if (start < 0)
        {
            return end < 0 || end > len
                ? throw new InvalidOperationException($"runtime error: slice bounds out of range [:{end}] with length {len}")
                : GoStrings.ByteSlice(s, 0, end);
        }

        if (end < 0 || end > len)
        {
            return start > len
                ? throw new InvalidOperationException($"runtime error: slice bounds out of range [{start}:{len}]")
                : GoStrings.ByteSlice(s, start, len);
        }

        return start > end
            ? throw new InvalidOperationException($"runtime error: slice bounds out of range [{start}:{end}]")
            : GoStrings.ByteSlice(s, start, end);
    }

    private static string Abbrev(int width, string s) => width < 4 ? s : AbbreviateFull(s, 0, width);

    private static string AbbrevBoth(int left, int right, string s) =>
        right < 4 || (left > 0 && right < 7) ? s : AbbreviateFull(s, left, right);

    /// <summary>goutils' AbbreviateFull: byte-based, "..." marks what was cut.</summary>
    private static string AbbreviateFull(string s, int offset, int maxWidth)
    {
        int len = GoStrings.Utf8Length(s);
        if (s.Length == 0 || maxWidth < 4 || len <= maxWidth)
        {
            return s;
        }

        offset = Math.Min(offset, len);
        if (len - offset < maxWidth - 3)
        {
            offset = len - (maxWidth - 3);
        }

        if (offset <= 4)
        {
            return GoStrings.ByteSlice(s, 0, maxWidth - 3) + "...";
        }

        if (maxWidth < 7)
        {
            return string.Empty;
        }

        if (offset + maxWidth - 3 < len)
        {
            return "..." + AbbreviateFull(GoStrings.ByteSlice(s, offset, len), 0, maxWidth - 3);
        }

        return "..." + GoStrings.ByteSlice(s, len - (maxWidth - 3), len);
    }

    /// <summary>Go's deprecated <c>strings.Title</c>: upper-cases the first letter of each word.</summary>
    private static string Title(string s)
    {
        StringBuilder sb = new(s.Length);
        int prev = ' ';
        foreach (Rune r in s.EnumerateRunes())
        {
            sb.Append(IsTitleSeparator(prev) ? Rune.ToUpperInvariant(r).ToString() : r.ToString());
            prev = r.Value;
        }

        return sb.ToString();
    }

    private static bool IsTitleSeparator(int r)
    {
        if (r <= 0x7F)
        {
            return !(char.IsAsciiLetterOrDigit((char)r) || r == '_');
        }

        Rune rune = new(r);
        return !Rune.IsLetter(rune) && !Rune.IsDigit(rune) && Rune.IsWhiteSpace(rune);
    }

    /// <summary>goutils' Uncapitalize: lower-cases the first letter after each whitespace.</summary>
    private static string Untitle(string s)
    {
        StringBuilder sb = new(s.Length);
        bool next = true;
        foreach (Rune r in s.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(r))
            {
                next = true;
                sb.Append(r.ToString());
            }
            else if (next)
            {
                sb.Append(Rune.ToLowerInvariant(r).ToString());
                next = false;
            }
            else
            {
                sb.Append(r.ToString());
            }
        }

        return sb.ToString();
    }

    /// <summary>goutils' SwapCase: upper to lower, lower to upper, and a lower letter after whitespace to title case.</summary>
    private static string SwapCase(string s)
    {
        StringBuilder sb = new(s.Length);
        bool whitespace = true;
        foreach (Rune r in s.EnumerateRunes())
        {
            UnicodeCategory cat = Rune.GetUnicodeCategory(r);
            if (cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter)
            {
                sb.Append(Rune.ToLowerInvariant(r).ToString());
                whitespace = false;
            }
            else if (cat == UnicodeCategory.LowercaseLetter)
            {
                sb.Append(Rune.ToUpperInvariant(r).ToString());
                whitespace = false;
            }
            else
            {
                sb.Append(r.ToString());
                whitespace = Rune.IsWhiteSpace(r);
            }
        }

        return sb.ToString();
    }

    /// <summary>goutils' DeleteWhiteSpace, which walks bytes as if each were a character (so non-ASCII text is mangled when any space is removed, as in Go).</summary>
    private static string NoSpace(string s)
    {
        if (GoStrings.IsAscii(s))
        {
            return string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
        }

        byte[] bytes = Encoding.UTF8.GetBytes(s);
        StringBuilder sb = new();
        int kept = 0;
        foreach (byte b in bytes)
        {
            if (!char.IsWhiteSpace((char)b))
            {
                sb.Append((char)b);
                kept++;
            }
        }

        return kept == bytes.Length ? s : sb.ToString();
    }

    /// <summary>goutils' Initials: the first character after each whitespace (byte-wise, as in Go).</summary>
    private static string Initials(string s)
    {
        StringBuilder sb = new();
        bool gap = true;
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            if (char.IsWhiteSpace(c))
            {
                gap = true;
            }
            else if (gap)
            {
                sb.Append(c);
                gap = false;
            }
        }

        return sb.ToString();
    }

    private static string Shuffle(string s)
    {
        Rune[] runes = [.. s.EnumerateRunes()];
        System.Security.Cryptography.RandomNumberGenerator.Shuffle(runes.AsSpan());
        return string.Concat(runes.Select(r => r.ToString()));
    }

    /// <summary>goutils' WrapCustom (byte positions, as in Go).</summary>
    private static string Wrap(string s, int wrapLength, string newLine, bool wrapLongWords)
    {
        if (s.Length == 0)
        {
            return string.Empty;
        }

        if (!GoStrings.IsAscii(s))
        {
            // Positions are bytes in Go; work on a Latin-1 view of the UTF-8 bytes and map back.
            string bytes = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s));
            string wrapped = WrapBytes(bytes, wrapLength, Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(newLine)), wrapLongWords);
            return Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(wrapped));
        }

        return WrapBytes(s, wrapLength, newLine, wrapLongWords);
    }

    private static string WrapBytes(string str, int wrapLength, string newLine, bool wrapLongWords)
    {
        newLine = newLine.Length == 0 ? "\n" : newLine;
        wrapLength = Math.Max(1, wrapLength);
        int length = str.Length;
        int offset = 0;
        StringBuilder sb = new();
        while (length - offset > wrapLength)
        {
            if (str[offset] == ' ')
            {
                offset++;
                continue;
            }

            int end = Math.Min(length, wrapLength + offset + 1);
            int spaceToWrapAt = str.LastIndexOf(' ', end - 1, end - offset);
            if (spaceToWrapAt >= offset)
            {
                sb.Append(str, offset, spaceToWrapAt - offset).Append(newLine);
                offset = spaceToWrapAt + 1;
            }
            else if (wrapLongWords)
            {
                sb.Append(str, offset, wrapLength).Append(newLine);
                offset += wrapLength;
            }
            else
            {
                int longEnd = wrapLength + offset;
                int index = str.IndexOf(' ', longEnd);
                if (index < 0)
                {
                    sb.Append(str, offset, length - offset);
                    offset = length;
                }
                else
                {
                    sb.Append(str, offset, index - offset).Append(newLine);
                    offset = index + 1;
                }
            }
        }

        sb.Append(str, offset, length - offset);
        return sb.ToString();
    }
}
