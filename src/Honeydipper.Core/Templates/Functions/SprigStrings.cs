using System.Globalization;
using System.Text;
using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// sprig's string functions. Go strings are UTF-8 bytes, and several sprig functions count and cut bytes
/// (<c>trunc</c>, <c>substr</c>, <c>abbrev</c>, <c>wrap</c>); we do the same, so results match Go on non-ASCII text too.
/// </summary>
internal static partial class SprigStrings
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
}
