using System.Globalization;
using System.Text;

namespace Honeydipper.Core.Matching;

/// <summary>Character classes of the translator: Perl, POSIX and Unicode classes and bracketed sets, in RE2's meaning.</summary>
internal sealed partial class Re2Translator
{
    private static string PerlClass(char c, bool inClass)
    {
        string set = char.ToLowerInvariant(c) switch
        {
            'd' => "0-9",
            's' => "\\t\\n\\f\\r ",
            _ => WordChars,
        };
        if (char.IsUpper(c))
        {
            string complement = Complement(char.ToLowerInvariant(c) switch
            {
                'd' => [('0', '9')],
                's' => [('\t', '\n'), ('\f', '\r'), (' ', ' ')],
                _ => [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
            });
            return inClass ? complement : "[" + complement + "]";
        }

        return inClass ? set : "[" + set + "]";
    }

    /// <summary>The .NET class body of every UTF-16 code unit outside the given sorted ASCII ranges.</summary>
    private static string Complement((char Lo, char Hi)[] ranges)
    {
        StringBuilder sb = new();
        int next = 0;
        foreach ((char lo, char hi) in ranges)
        {
            if (lo > next)
            {
                AppendRange(sb, next, lo - 1);
            }

            next = hi + 1;
        }

        AppendRange(sb, next, 0xFFFF);
        return sb.ToString();
    }

    private static void AppendRange(StringBuilder sb, int lo, int hi)
    {
        sb.Append("\\u").Append(lo.ToString("X4", CultureInfo.InvariantCulture));
        if (hi != lo)
        {
            sb.Append("-\\u").Append(hi.ToString("X4", CultureInfo.InvariantCulture));
        }
    }

    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal)
    {
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    };

    private string UnicodeClass(char p, int start, bool inClass)
    {
        bool negate = p == 'P';
        string name;
        if (_i < _p.Length && _p[_i] == '{')
        {
            int close = _p.IndexOf('}', _i);
            if (close < 0)
            {
                throw Error("invalid character class range", _p[start..]);
            }

            name = _p[(_i + 1)..close];
            _i = close + 1;
        }
        else if (_i < _p.Length)
        {
            name = _p[_i].ToString();
            _i++;
        }
        else
        {
            throw Error("invalid character class range", _p[start..]);
        }

        if (name.StartsWith('^'))
        {
            negate = !negate;
            name = name[1..];
        }

        if (name == "Any")
        {
            string any = "\\u0000-\\uFFFF";
            return negate ? (inClass ? string.Empty : "[^\\u0000-\\uFFFF]") : (inClass ? any : "[" + any + "]");
        }

        if (!Categories.Contains(name))
        {
            throw Error(
                "invalid character class range (Unicode scripts such as \\p{Greek} are not supported here; use a general category like \\p{L})",
                _p[start.._i]);
        }

        return (negate ? "\\P{" : "\\p{") + name + "}";
    }

    private void Class()
    {
        int start = _i;
        _i++;
        StringBuilder body = new();
        bool negate = false;
        if (_i < _p.Length && _p[_i] == '^')
        {
            negate = true;
            _i++;
        }

        bool first = true;
        while (true)
        {
            if (_i >= _p.Length)
            {
                throw Error("missing closing ]", _p[start..]);
            }

            char c = _p[_i];
            if (c == ']' && !first)
            {
                _i++;
                break;
            }

            first = false;
            if (c == '[' && _i + 1 < _p.Length && _p[_i + 1] == ':')
            {
                int close = _p.IndexOf(":]", _i + 2, StringComparison.Ordinal);
                if (close > 0 && TryPosix(_p[(_i + 2)..close], out string posix))
                {
                    body.Append(posix);
                    _i = close + 2;
                    continue;
                }

                if (close > 0)
                {
                    throw Error("invalid character class range", _p[_i..(close + 2)]);
                }
            }

            if (c == '\\' && _i + 1 < _p.Length && "dDsSwWpP".Contains(_p[_i + 1], StringComparison.Ordinal))
            {
                char k = _p[_i + 1];
                int escStart = _i;
                _i += 2;
                body.Append(k is 'p' or 'P' ? UnicodeClass(k, escStart, inClass: true) : PerlClass(k, inClass: true));
                continue;
            }

            int lo = ClassChar(start);
            if (_i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
            {
                _i++;
                int hi = ClassChar(start);
                if (hi < lo)
                {
                    throw Error("invalid character class range", $"{char.ConvertFromUtf32(lo)}-{char.ConvertFromUtf32(hi)}");
                }

                AppendRange(body, lo, hi);
            }
            else
            {
                AppendRange(body, lo, lo);
            }
        }

        if (body.Length == 0)
        {
            // Only an emptied class (such as [\P{Any}]) gets here; .NET has no empty class, so spell "nothing"/"anything".
            _out.Append(negate ? "[\\u0000-\\uFFFF]" : "[^\\u0000-\\uFFFF]");
            return;
        }

        _out.Append('[').Append(negate ? "^" : string.Empty).Append(body).Append(']');
    }

    private int ClassChar(int classStart)
    {
        char c = _p[_i];
        if (c == '\\')
        {
            int start = _i;
            if (_i + 1 >= _p.Length)
            {
                throw Error("missing closing ]", _p[classStart..]);
            }

            char e = _p[_i + 1];
            _i += 2;
            return EscapedRune(e, start);
        }

        if (char.IsHighSurrogate(c) && _i + 1 < _p.Length && char.IsLowSurrogate(_p[_i + 1]))
        {
            throw Error(
                "invalid character class range (characters beyond U+FFFF inside [...] are not supported here)",
                _p[classStart..Math.Min(_p.Length, _i + 2)]);
        }

        _i++;
        return c;
    }

    private static bool TryPosix(string name, out string body)
    {
        bool negate = name.StartsWith('^');
        string key = negate ? name[1..] : name;
        (char, char)[]? ranges = key switch
        {
            "alnum" => [('0', '9'), ('A', 'Z'), ('a', 'z')],
            "alpha" => [('A', 'Z'), ('a', 'z')],
            "ascii" => [('\0', '\x7f')],
            "blank" => [('\t', '\t'), (' ', ' ')],
            "cntrl" => [('\0', '\x1f'), ('\x7f', '\x7f')],
            "digit" => [('0', '9')],
            "graph" => [('!', '~')],
            "lower" => [('a', 'z')],
            "print" => [(' ', '~')],
            "punct" => [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
            "space" => [('\t', '\r'), (' ', ' ')],
            "upper" => [('A', 'Z')],
            "word" => [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
            "xdigit" => [('0', '9'), ('A', 'F'), ('a', 'f')],
            _ => null,
        };
        if (ranges is null)
        {
            body = string.Empty;
            return false;
        }

        if (negate)
        {
            body = Complement(ranges);
            return true;
        }

        StringBuilder sb = new();
        foreach ((char lo, char hi) in ranges)
        {
            AppendRange(sb, lo, hi);
        }

        body = sb.ToString();
        return true;
    }
}
