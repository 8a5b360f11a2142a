using System.Globalization;
using Honeydipper.Core.Templates.Parsing;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// spf13/cast v1.3.1 as sprig uses it (<c>int</c>, <c>int64</c>, <c>float64</c>, <c>add</c>, ...): anything that cannot be
/// converted becomes 0, without an error; strings are read as Go integer literals (<c>"0x1F"</c>, <c>"010"</c> octal).
/// </summary>
internal static class Cast
{
    public static long ToInt64(object? v) => v switch
    {
        int i => i,
        long l => l,
        short s => s,
        sbyte s => s,
        byte b => b,
        ushort u => u,
        uint u => u,
        ulong u => unchecked((long)u),
        double d => Truncate(d),
        float f => Truncate(f),
        string s => GoLiterals.TryParseInt(s, out long parsed) ? parsed : 0,
        bool b => b ? 1 : 0,
        TimeSpan t => GoDuration.FromTimeSpan(t),
        _ => 0,
    };

    /// <summary>Go's int conversion of a float: truncation toward zero (out-of-range values are undefined in Go; we saturate).</summary>
    private static long Truncate(double d) =>
        double.IsNaN(d) ? long.MinValue : d >= 9.223372036854775807e18 ? long.MinValue : d <= -9.223372036854775808e18 ? long.MinValue : (long)d;

    /// <summary>cast.ToInt: Go's int, ours an int when it fits.</summary>
    public static object ToInt(object? v) => Int(ToInt64(v));

    public static object Int(long value) => value is >= int.MinValue and <= int.MaxValue ? (object)(int)value : value;

    public static int ToInt32(object? v)
    {
        long l = ToInt64(v);
        return l is >= int.MinValue and <= int.MaxValue ? (int)l : throw new InvalidOperationException($"{l} does not fit in an int here");
    }

    public static double ToFloat64(object? v) => v switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        short s => s,
        sbyte s => s,
        byte b => b,
        ushort u => u,
        uint u => u,
        ulong u => u,
        string s => ParseFloat(s),
        bool b => b ? 1 : 0,
        TimeSpan t => GoDuration.FromTimeSpan(t),
        _ => 0,
    };

    private static double ParseFloat(string s)
    {
        string t = s.Trim();
        if (string.Equals(t, "inf", StringComparison.OrdinalIgnoreCase) || string.Equals(t, "+inf", StringComparison.OrdinalIgnoreCase)
            || string.Equals(t, "infinity", StringComparison.OrdinalIgnoreCase))
        {
            return t == s ? double.PositiveInfinity : 0;
        }

        if (string.Equals(t, "-inf", StringComparison.OrdinalIgnoreCase) || string.Equals(t, "-infinity", StringComparison.OrdinalIgnoreCase))
        {
            return t == s ? double.NegativeInfinity : 0;
        }

        if (string.Equals(t, "nan", StringComparison.OrdinalIgnoreCase))
        {
            return t == s ? double.NaN : 0;
        }

        return GoLiterals.TryParseFloat(s, out double d) ? d : 0;
    }

    /// <summary>sprig's <c>strval</c>: strings as is, bytes as text, everything else as Go's <c>%v</c>.</summary>
    public static string StrVal(object? v) => v switch
    {
        string s => s,
        byte[] b => System.Text.Encoding.UTF8.GetString(b),
        _ => GoValueFormatter.Format(v),
    };

    public static string FormatInt(long value) => value.ToString(CultureInfo.InvariantCulture);
}
