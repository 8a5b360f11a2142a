using System.Globalization;
using System.Text;

namespace Honeydipper.Core.Values;

/// <summary>Go's string quoting (<c>strconv.Quote</c>) and the UTF-8 byte view Go's string functions work on.</summary>
public static class GoStrings
{
    /// <summary>Go's <c>strconv.Quote</c>: double quotes, Go escapes for control and non-printable characters.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder sb = new(value.Length + 2);
        AppendQuoted(sb, value, '"');
        return sb.ToString();
    }

    /// <summary>Go's <c>strconv.QuoteRune</c>: the character in single quotes with Go escapes.</summary>
    public static string QuoteRune(int rune)
    {
        StringBuilder sb = new();
        sb.Append('\'');
        if (rune < 0 || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        {
            rune = 0xFFFD;
        }

        AppendRune(sb, rune, '\'');
        return sb.Append('\'').ToString();
    }

    internal static void AppendQuoted(StringBuilder sb, string value, char quote)
    {
        sb.Append(quote);
        for (int i = 0; i < value.Length; i++)
        {
            int rune = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                rune = char.ConvertToUtf32(value[i], value[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                rune = 0xFFFD;
            }

            AppendRune(sb, rune, quote);
        }

        sb.Append(quote);
    }

    private static void AppendRune(StringBuilder sb, int rune, char quote)
    {
        if (rune == quote || rune == '\\')
        {
            sb.Append('\\').Append((char)rune);
            return;
        }

        if (IsPrint(rune))
        {
            sb.Append(char.ConvertFromUtf32(rune));
            return;
        }

        switch (rune)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }

        if (rune < ' ' || rune == 0x7f)
        {
            sb.Append("\\x").Append(rune.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (rune < 0x10000)
        {
            sb.Append("\\u").Append(rune.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Go's <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int rune)
    {
        if (rune < 0x80)
        {
            return rune >= 0x20 && rune < 0x7f;
        }

        if (rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        {
            return false;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
            _ => true,
        };
    }

    /// <summary>The number of UTF-8 bytes of the text: Go's <c>len</c> of a string.</summary>
    public static int Utf8Length(string value) => IsAscii(value) ? value.Length : Encoding.UTF8.GetByteCount(value);

    internal static bool IsAscii(string value) => Ascii.IsValid(value);

    /// <summary>
    /// Go's <c>s[start:end]</c> on the UTF-8 bytes of the text. Cutting inside a character leaves bytes that are not UTF-8;
    /// they come back as U+FFFD, which is how Go prints them.
    /// </summary>
    public static string ByteSlice(string value, int start, int end)
    {
        if (IsAscii(value))
        {
            return value[start..end];
        }

        byte[] bytes = Encoding.UTF8.GetBytes(value);
        return Encoding.UTF8.GetString(bytes, start, end - start);
    }
}
