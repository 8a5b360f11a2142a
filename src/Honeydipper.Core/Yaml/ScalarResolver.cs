using System.Globalization;
using System.Text.RegularExpressions;

namespace Honeydipper.Core.Yaml;

/// <summary>
/// Resolves plain YAML scalars the way Honeydipper reads them: go-yaml v2 (YAML 1.1) resolution followed by a trip
/// through JSON (ghodss/yaml), so every number becomes a double and yes/no/on/off are booleans.
/// </summary>
internal static partial class ScalarResolver
{
    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
    };

    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal)
    {
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    };

    private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    /// <summary>Resolves a plain (unquoted, untagged) scalar.</summary>
    public static object? ResolvePlain(string text)
    {
        if (NullWords.Contains(text))
        {
            return null;
        }

        if (TrueWords.Contains(text))
        {
            return true;
        }

        if (FalseWords.Contains(text))
        {
            return false;
        }

        char first = text[0];
        if (!(char.IsAsciiDigit(first) || first is '-' or '+' or '.'))
        {
            return text;
        }

        if (TryParseInteger(text, out double integer))
        {
            return integer;
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            return number;
        }

        // .inf and .nan resolve to floats in YAML 1.1 but cannot survive the JSON step; the original fails on them.
        return text switch
        {
            ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN" =>
                throw new FormatException($"the value {text} is not a number JSON can hold; quote it to keep it as text"),
            _ => text,
        };
    }

    /// <summary>Resolves a scalar written with an explicit tag such as !!str or !!int.</summary>
    public static object? ResolveTagged(string tag, string text) => tag switch
    {
        "tag:yaml.org,2002:str" or "!!str" => text,
        "tag:yaml.org,2002:null" or "!!null" => null,
        "tag:yaml.org,2002:bool" or "!!bool" => ResolvePlain(text) as bool? ?? throw new FormatException($"cannot read {text} as !!bool"),
        "tag:yaml.org,2002:int" or "!!int" or "tag:yaml.org,2002:float" or "!!float" =>
            ResolvePlain(text) as double? ?? throw new FormatException($"cannot read {text} as a number"),
        _ => ResolvePlain(text),
    };

    private static bool TryParseInteger(string text, out double value)
    {
        value = 0;
        string plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        bool negative = plain.StartsWith('-');
        string digits = plain.TrimStart('-', '+');
        if (digits.Length == 0 || (plain.Length - digits.Length) > 1)
        {
            return false;
        }

        int numberBase = 10;
        if (digits.StartsWith("0x", StringComparison.Ordinal))
        {
            numberBase = 16;
            digits = digits[2..];
        }
        else if (digits.StartsWith("0b", StringComparison.Ordinal))
        {
            numberBase = 2;
            digits = digits[2..];
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            numberBase = 8;
            digits = digits[1..];
        }

        if (digits.Length == 0)
        {
            return false;
        }

        double result = 0;
        foreach (char c in digits)
        {
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= numberBase)
            {
                return false;
            }

            result = (result * numberBase) + digit;
        }

        value = negative ? -result : result;
        return true;
    }
}
