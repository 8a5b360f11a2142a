using System.Globalization;
using System.Text;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>The string functions sprig takes from Masterminds/goutils v1.1.1 (abbreviations, case, wrapping), byte-wise as there.</summary>
internal static partial class SprigStrings
{
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
