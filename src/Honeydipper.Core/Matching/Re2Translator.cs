using System.Globalization;
using System.Text;

namespace Honeydipper.Core.Matching;

/// <summary>
/// Rewrites an RE2 (Go regexp) pattern into a .NET pattern that means the same. Constructs RE2 does not have
/// (lookarounds, backreferences, atomic groups, possessive quantifiers, comments) are rejected with Go's error text;
/// RE2 constructs .NET spells differently are rewritten: ASCII-only <c>\d \w \s</c> and POSIX classes, <c>$</c> as end of
/// text, <c>(?U)</c> by swapping greediness, <c>\Q..\E</c>, <c>\x{...}</c>, octal escapes, and capture names (kept aside so
/// groups stay numbered left to right as in Go; .NET numbers named groups last).
/// </summary>
internal sealed partial class Re2Translator
{
    private const string Special = "\\*+?|{}[]()^$.#";
    private const string WordChars = "0-9A-Za-z_";

    private readonly string _p;
    private readonly StringBuilder _out = new();
    private readonly Stack<Flags> _stack = new();
    private readonly List<string?> _names = [null];
    private int _i;
    private Flags _flags;
    private bool _canRepeat;
    private bool _lastWasRepeat;

    private Re2Translator(string pattern)
    {
        _p = pattern;
    }

    private record struct Flags(bool Multiline, bool Ungreedy);

    /// <summary>The .NET pattern and the capture names by Go group number (index 0 is the whole match).</summary>
    public static (string Pattern, IReadOnlyList<string?> Names) Translate(string pattern)
    {
        Re2Translator t = new(pattern);
        t.Run();
        return (t._out.ToString(), t._names);
    }

    private static GoRegexException Error(string code, string expr) =>
        new($"error parsing regexp: {code}: `{expr}`");

    private void Run()
    {
        while (_i < _p.Length)
        {
            char c = _p[_i];
            switch (c)
            {
                case '(':
                    OpenGroup();
                    break;
                case ')':
                    if (_stack.Count == 0)
                    {
                        throw Error("unexpected )", _p);
                    }

                    _flags = _stack.Pop();
                    _out.Append(')');
                    _i++;
                    Atom();
                    break;
                case '|':
                    _out.Append('|');
                    _i++;
                    NoAtom();
                    break;
                case '*' or '+' or '?':
                    Repeat(c.ToString(), 1);
                    break;
                case '{':
                    if (!TryCountedRepeat())
                    {
                        Literal('{');
                        _i++;
                    }

                    break;
                case '[':
                    Class();
                    Atom();
                    break;
                case '^':
                    _out.Append('^');
                    _i++;
                    Atom();
                    break;
                case '$':
                    // Go's $ without (?m) is the end of the text only; .NET's also matches before a final newline.
                    _out.Append(_flags.Multiline ? "$" : "\\z");
                    _i++;
                    Atom();
                    break;
                case '.':
                    _out.Append('.');
                    _i++;
                    Atom();
                    break;
                case '\\':
                    Escape();
                    break;
                default:
                    if (char.IsHighSurrogate(c) && _i + 1 < _p.Length && char.IsLowSurrogate(_p[_i + 1]))
                    {
                        _out.Append("(?:").Append(c).Append(_p[_i + 1]).Append(')');
                        _i += 2;
                        Atom();
                        break;
                    }

                    Literal(c);
                    _i++;
                    break;
            }
        }

        if (_stack.Count > 0)
        {
            throw Error("missing closing )", _p);
        }
    }

    private void Atom()
    {
        _canRepeat = true;
        _lastWasRepeat = false;
    }

    private void NoAtom()
    {
        _canRepeat = false;
        _lastWasRepeat = false;
    }

    private void Literal(char c)
    {
        if (Special.Contains(c, StringComparison.Ordinal))
        {
            _out.Append('\\');
        }

        _out.Append(c);
        Atom();
    }

    private void LiteralRune(int rune)
    {
        if (rune > 0xFFFF)
        {
            _out.Append("(?:").Append(char.ConvertFromUtf32(rune)).Append(')');
            Atom();
        }
        else if (rune < 0x20 || rune == 0x7f)
        {
            _out.Append("\\u").Append(rune.ToString("X4", CultureInfo.InvariantCulture));
            Atom();
        }
        else
        {
            Literal((char)rune);
        }
    }

    private void OpenGroup()
    {
        int start = _i;
        if (_i + 1 < _p.Length && _p[_i + 1] == '?')
        {
            string rest = _p[_i..];
            // Go reads every "(?<" as a named capture, so lookbehinds fail as invalid names.
            if (rest.StartsWith("(?P<", StringComparison.Ordinal) || rest.StartsWith("(?<", StringComparison.Ordinal))
            {
                int nameStart = _p.IndexOf('<', _i) + 1;
                int end = _p.IndexOf('>', nameStart);
                if (end < 0)
                {
                    throw Error("invalid named capture", rest);
                }

                string name = _p[nameStart..end];
                if (name.Length == 0 || !name.All(ch => ch == '_' || char.IsLetterOrDigit(ch)))
                {
                    throw Error("invalid named capture", _p[start..(end + 1)]);
                }

                if (_names.Contains(name))
                {
                    throw Error("duplicate capture group name", name);
                }

                _names.Add(name);
                _stack.Push(_flags);
                _out.Append('(');
                _i = end + 1;
                NoAtom();
                return;
            }

            ParseFlags(start);
            return;
        }

        _names.Add(null);
        _stack.Push(_flags);
        _out.Append('(');
        _i++;
        NoAtom();
    }

    private void ParseFlags(int start)
    {
        // (?flags) or (?flags:re); RE2 knows i, m, s and U, with an optional '-' to clear.
        int i = _i + 2;
        bool negate = false;
        bool sawFlag = false;
        Flags flags = _flags;
        StringBuilder dotnet = new();
        while (i < _p.Length)
        {
            char c = _p[i];
            switch (c)
            {
                case 'i' or 'm' or 's':
                    if (c == 'm')
                    {
                        flags = flags with { Multiline = !negate };
                    }

                    dotnet.Append(c);
                    sawFlag = true;
                    break;
                case 'U':
                    flags = flags with { Ungreedy = !negate };
                    sawFlag = true;
                    break;
                case '-':
                    if (negate)
                    {
                        throw Error("invalid or unsupported Perl syntax", _p[start..(i + 1)]);
                    }

                    negate = true;
                    sawFlag = false;
                    dotnet.Append('-');
                    break;
                case ':' when i == _i + 2:
                    // (?:re), a plain non-capturing group.
                    _stack.Push(_flags);
                    _out.Append("(?:");
                    _i = i + 1;
                    NoAtom();
                    return;
                case ':' or ')':
                    if (!sawFlag && (negate || i == _i + 2))
                    {
                        throw Error("invalid or unsupported Perl syntax", _p[start..(i + 1)]);
                    }

                    string net = dotnet.ToString().TrimEnd('-');
                    if (c == ':')
                    {
                        _stack.Push(_flags);
                        _flags = flags;
                        _out.Append(net.Length == 0 || net == "-" ? "(?:" : $"(?{net}:");
                    }
                    else
                    {
                        _flags = flags;
                        if (net.Length > 0 && net != "-")
                        {
                            _out.Append($"(?{net})");
                        }
                    }

                    _i = i + 1;
                    NoAtom();
                    return;
                default:
                    // Lookarounds (?= (?! (?<= (?<!, atomic (?>, comments (?#, conditionals (?( ...: not RE2.
                    throw Error("invalid or unsupported Perl syntax", _p[start..Math.Min(i + 1, _p.Length)]);
            }

            i++;
        }

        throw Error("missing closing )", _p[start..]);
    }

    private void Repeat(string op, int length)
    {
        int start = _i;
        _i += length;
        bool lazy = false;
        if (_i < _p.Length && _p[_i] == '?')
        {
            lazy = true;
            _i++;
        }

        string text = _p[start.._i];
        if (!_canRepeat)
        {
            throw Error("missing argument to repetition operator", text);
        }

        if (_lastWasRepeat)
        {
            throw Error("invalid nested repetition operator", _p[_lastRepeatStart.._i]);
        }

        _out.Append(op);
        if (lazy != _flags.Ungreedy)
        {
            _out.Append('?');
        }

        _lastRepeatStart = start;
        _lastWasRepeat = true;
    }

    private int _lastRepeatStart;

    private bool TryCountedRepeat()
    {
        int j = _i + 1;
        int min = ReadInt(ref j);
        if (min < 0)
        {
            return false;
        }

        int max = min;
        if (j < _p.Length && _p[j] == ',')
        {
            j++;
            max = j < _p.Length && _p[j] == '}' ? -1 : ReadInt(ref j);
            if (max == -2)
            {
                return false;
            }
        }

        if (j >= _p.Length || _p[j] != '}')
        {
            return false;
        }

        string text = _p[_i..(j + 1)];
        if (min > 1000 || max > 1000 || (max >= 0 && min > max))
        {
            throw Error("invalid repeat count", text);
        }

        string op = max == min ? $"{{{min}}}" : max < 0 ? $"{{{min},}}" : $"{{{min},{max}}}";
        int saved = _i;
        Repeat(op, j + 1 - saved);
        return true;
    }

    /// <summary>Reads decimal digits; -1 (or -2 after a comma) when there are none.</summary>
    private int ReadInt(ref int j)
    {
        int start = j;
        long value = 0;
        while (j < _p.Length && char.IsAsciiDigit(_p[j]))
        {
            value = Math.Min((value * 10) + (_p[j] - '0'), 100_000);
            j++;
        }

        return j == start ? (start > 0 && _p[start - 1] == ',' ? -2 : -1) : (int)value;
    }

    private void Escape()
    {
        int start = _i;
        if (_i + 1 >= _p.Length)
        {
            throw Error("trailing backslash at end of expression", string.Empty);
        }

        char c = _p[_i + 1];
        _i += 2;
        switch (c)
        {
            case 'A' or 'z' or 'b' or 'B':
                _out.Append('\\').Append(c);
                Atom();
                return;
            case 'd' or 'D' or 's' or 'S' or 'w' or 'W':
                _out.Append(PerlClass(c, inClass: false));
                Atom();
                return;
            case 'p' or 'P':
                _out.Append(UnicodeClass(c, start, inClass: false));
                Atom();
                return;
            case 'Q':
                int end = _p.IndexOf("\\E", _i, StringComparison.Ordinal);
                string literal = end < 0 ? _p[_i..] : _p[_i..end];
                _i = end < 0 ? _p.Length : end + 2;
                foreach (char l in literal)
                {
                    Literal(l);
                }

                return;
            case 'E':
                // A stray \E is ignored by Go.
                return;
        }

        LiteralRune(EscapedRune(c, start));
    }

    /// <summary>The character an escape stands for (after the backslash and <paramref name="c"/> were read).</summary>
    private int EscapedRune(char c, int start)
    {
        switch (c)
        {
            case >= '1' and <= '7' when _i < _p.Length && _p[_i] >= '0' && _p[_i] <= '7':
            case '0':
                int value = c - '0';
                for (int k = 1; k < 3 && _i < _p.Length && _p[_i] >= '0' && _p[_i] <= '7'; k++)
                {
                    value = (value * 8) + (_p[_i++] - '0');
                }

                return value;
            case 'x':
                if (_i < _p.Length && _p[_i] == '{')
                {
                    int close = _p.IndexOf('}', _i);
                    if (close < 0 || close == _i + 1
                        || !int.TryParse(_p.AsSpan(_i + 1, close - _i - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int big)
                        || big > 0x10FFFF)
                    {
                        throw Error("invalid escape sequence", _p[start..Math.Min(_p.Length, close < 0 ? _p.Length : close + 1)]);
                    }

                    _i = close + 1;
                    return big;
                }

                if (_i + 2 > _p.Length || !char.IsAsciiHexDigit(_p[_i]) || !char.IsAsciiHexDigit(_p[_i + 1]))
                {
                    throw Error("invalid escape sequence", _p[start..Math.Min(_p.Length, _i + 2)]);
                }

                int hex = int.Parse(_p.AsSpan(_i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                _i += 2;
                return hex;
            case 'a': return '\a';
            case 'f': return '\f';
            case 't': return '\t';
            case 'n': return '\n';
            case 'r': return '\r';
            case 'v': return '\v';
        }

        if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
        {
            return c;
        }

        throw Error("invalid escape sequence", _p[start.._i]);
    }
}
