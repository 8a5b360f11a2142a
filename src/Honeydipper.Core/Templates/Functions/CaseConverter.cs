using System.Text;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// huandu/xstrings v1.3.3's case conversions behind sprig's <c>snakecase</c>, <c>kebabcase</c> and <c>camelcase</c>:
/// "HTTPServer" → "http_server", "http2xx" → "http_2xx", "some_words" → "SomeWords". Words are runs of one character class
/// (upper case, letters, numbers, punctuation, connectors); CJK ideographs are not "alphabet" letters.
/// </summary>
internal static class CaseConverter
{
    private enum WordType
    {
        Invalid,
        Number,
        UpperCase,
        Alphabet,
        Connector,
        Punct,
        Other,
    }

    private static bool IsConnector(int r) => r == '-' || r == '_' || (r >= 0 && Rune.IsWhiteSpace(new Rune(r)));

    private static bool IsUpper(int r) => Rune.IsUpper(new Rune(r));

    private static bool IsPunct(int r) => Rune.IsPunctuation(new Rune(r));

    private static bool IsNumber(int r) => Rune.IsNumber(new Rune(r));

    private static bool IsAlphabet(int r)
    {
        if (!Rune.IsLetter(new Rune(r)))
        {
            return false;
        }

        return r < 0x3400 || !((r >= 0x4E00 && r <= 0x9FCC) || (r >= 0x3400 && r <= 0x4D85) || (r >= 0x20000 && r <= 0x2B81D)
            || (r >= 0xF900 && r <= 0xFAFF) || (r >= 0x2F800 && r <= 0x2FA1F));
    }

    public static string ToCamelCase(string s)
    {
        int[] runes = [.. s.EnumerateRunes().Select(r => r.Value)];
        if (runes.Length == 0)
        {
            return string.Empty;
        }

        StringBuilder sb = new();
        int i = 0;
        int r0 = 0;
        bool found = false;
        while (i < runes.Length)
        {
            r0 = runes[i++];
            if (!IsConnector(r0))
            {
                r0 = Upper(r0);
                found = true;
                break;
            }

            Append(sb, r0);
        }

        if (i >= runes.Length)
        {
            if (found)
            {
                Append(sb, r0);
            }

            return sb.ToString();
        }

        while (i < runes.Length)
        {
            int r1 = r0;
            r0 = runes[i++];
            if (IsConnector(r0) && IsConnector(r1))
            {
                Append(sb, r1);
                continue;
            }

            if (IsConnector(r1))
            {
                r0 = Upper(r0);
            }
            else
            {
                r0 = Lower(r0);
                Append(sb, r1);
            }
        }

        Append(sb, r0);
        return sb.ToString();
    }

    private static int Upper(int r) => Rune.ToUpperInvariant(new Rune(r)).Value;

    private static int Lower(int r) => Rune.ToLowerInvariant(new Rune(r)).Value;

    private static void Append(StringBuilder sb, int r) => sb.Append(char.ConvertFromUtf32(r));

    public static string ToLowerCase(string s, char connector)
    {
        int[] runes = [.. s.EnumerateRunes().Select(r => r.Value)];
        if (runes.Length == 0)
        {
            return string.Empty;
        }

        StringBuilder sb = new();
        int pos = 0;
        (WordType wt, int start, int end) = NextWord(runes, pos);
        pos = end;
        while (pos < runes.Length)
        {
            if (wt != WordType.Connector)
            {
                ToLower(sb, wt, runes, start, end, connector);
            }

            WordType prev = wt;
            (int lastStart, int lastEnd) = (start, end);
            (wt, start, end) = NextWord(runes, pos);
            pos = end;
            switch (prev)
            {
                case WordType.Number:
                    while (wt is WordType.Alphabet or WordType.Number)
                    {
                        ToLower(sb, wt, runes, start, end, connector);
                        (wt, start, end) = NextWord(runes, pos);
                        pos = end;
                    }

                    if (wt is not (WordType.Invalid or WordType.Punct or WordType.Connector))
                    {
                        sb.Append(connector);
                    }

                    break;
                case WordType.Connector:
                    ToLower(sb, prev, runes, lastStart, lastEnd, connector);
                    break;
                case WordType.Punct:
                    break;
                default:
                    if (wt != WordType.Number)
                    {
                        if (wt is not (WordType.Connector or WordType.Punct))
                        {
                            sb.Append(connector);
                        }

                        break;
                    }

                    if (pos >= runes.Length)
                    {
                        break;
                    }

                    (int numStart, int numEnd) = (start, end);
                    (wt, start, end) = NextWord(runes, pos);
                    pos = end;
                    if (wt != WordType.Alphabet)
                    {
                        ToLower(sb, WordType.Number, runes, numStart, numEnd, connector);
                        if (wt is not (WordType.Connector or WordType.Punct))
                        {
                            sb.Append(connector);
                        }

                        break;
                    }

                    sb.Append(connector);
                    ToLower(sb, WordType.Number, runes, numStart, numEnd, connector);
                    while (wt is WordType.Alphabet or WordType.Number)
                    {
                        ToLower(sb, wt, runes, start, end, connector);
                        (wt, start, end) = NextWord(runes, pos);
                        pos = end;
                    }

                    if (wt is not (WordType.Invalid or WordType.Connector or WordType.Punct))
                    {
                        sb.Append(connector);
                    }

                    break;
            }
        }

        ToLower(sb, wt, runes, start, end, connector);
        return sb.ToString();
    }

    private static void ToLower(StringBuilder sb, WordType wt, int[] runes, int start, int end, char connector)
    {
        for (int i = start; i < end; i++)
        {
            int r = runes[i];
            if (wt is not (WordType.UpperCase or WordType.Connector))
            {
                Append(sb, r);
            }
            else if (IsConnector(r))
            {
                sb.Append(connector);
            }
            else
            {
                Append(sb, IsUpper(r) ? Lower(r) : r);
            }
        }
    }

    /// <summary>The next word starting at <paramref name="pos"/>: its type and [start, end) in runes.</summary>
    private static (WordType Type, int Start, int End) NextWord(int[] runes, int pos)
    {
        if (pos >= runes.Length)
        {
            return (WordType.Invalid, pos, pos);
        }

        int start = pos;
        int r = runes[pos++];
        if (IsConnector(r))
        {
            while (pos < runes.Length && IsConnector(runes[pos]))
            {
                pos++;
            }

            return (WordType.Connector, start, pos);
        }

        if (IsPunct(r))
        {
            while (pos < runes.Length && IsPunct(runes[pos]))
            {
                pos++;
            }

            return (WordType.Punct, start, pos);
        }

        if (IsUpper(r))
        {
            if (pos >= runes.Length)
            {
                return (WordType.UpperCase, start, pos);
            }

            int next = runes[pos];
            if (IsUpper(next))
            {
                pos++;
                while (pos < runes.Length && IsUpper(runes[pos]))
                {
                    pos++;
                }

                // "HTTPStatus" splits into "HTTP" and "Status": the last capital starts the next word.
                if (pos < runes.Length && IsAlphabet(runes[pos]))
                {
                    pos--;
                }
            }
            else if (IsAlphabet(next))
            {
                pos++;
                while (pos < runes.Length && IsAlphabet(runes[pos]) && !IsUpper(runes[pos]))
                {
                    pos++;
                }
            }

            return (WordType.UpperCase, start, pos);
        }

        if (IsAlphabet(r))
        {
            while (pos < runes.Length && IsAlphabet(runes[pos]) && !IsUpper(runes[pos]))
            {
                pos++;
            }

            return (WordType.Alphabet, start, pos);
        }

        if (IsNumber(r))
        {
            while (pos < runes.Length && IsNumber(runes[pos]))
            {
                pos++;
            }

            return (WordType.Number, start, pos);
        }

        while (pos < runes.Length && !(IsConnector(runes[pos]) || IsAlphabet(runes[pos]) || IsNumber(runes[pos]) || IsPunct(runes[pos])))
        {
            pos++;
        }

        return (WordType.Other, start, pos);
    }
}
