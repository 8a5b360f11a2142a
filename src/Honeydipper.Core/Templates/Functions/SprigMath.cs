using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// sprig's arithmetic: integer functions convert with cast (floats truncate, bad strings are 0) and return int64; the
/// <c>*f</c> functions work in decimal and return float64.
/// </summary>
internal static class SprigMath
{
    public static IEnumerable<TemplateFunction> All()
    {
        TemplateFunction max = V("max", [A], A, a => a.Skip(1).Aggregate(Cast.ToInt64(a[0]), (m, v) => Math.Max(m, Cast.ToInt64(v))));
        return
        [
            F("atoi", [S], a => Atoi((string)a[0]!)),
            F("int64", [A], a => Cast.ToInt64(a[0])),
            F("int", [A], a => Cast.ToInt(a[0])),
            F("float64", [A], a => Cast.ToFloat64(a[0])),
            F("toDecimal", [A], a => ToDecimal(a[0])),
            F("add1", [A], a => unchecked(Cast.ToInt64(a[0]) + 1)),
            V("add", [], A, a => a.Aggregate(0L, (s, v) => unchecked(s + Cast.ToInt64(v)))),
            F("sub", [A, A], a => unchecked(Cast.ToInt64(a[0]) - Cast.ToInt64(a[1]))),
            F("div", [A, A], a => Divide(Cast.ToInt64(a[0]), Cast.ToInt64(a[1]))),
            F("mod", [A, A], a => Modulo(Cast.ToInt64(a[0]), Cast.ToInt64(a[1]))),
            V("mul", [A], A, a => a.Skip(1).Aggregate(Cast.ToInt64(a[0]), (p, v) => unchecked(p * Cast.ToInt64(v)))),
            F("randInt", [I, I], a => RandInt((int)a[0]!, (int)a[1]!)),
            F("add1f", [A], a => Decimal(a[0], [1], '+')),
            V("addf", [], A, a => Decimal(0d, a, '+')),
            V("subf", [A], A, a => Decimal(a[0], a[1..], '-')),
            V("divf", [A], A, a => Decimal(a[0], a[1..], '/')),
            V("mulf", [A], A, a => Decimal(a[0], a[1..], '*')),
            .. Aliases(max, "max", "biggest"),
            V("min", [A], A, a => a.Skip(1).Aggregate(Cast.ToInt64(a[0]), (m, v) => Math.Min(m, Cast.ToInt64(v)))),
            V("maxf", [A], A, a => a.Skip(1).Aggregate(Cast.ToFloat64(a[0]), (m, v) => Math.Max(m, Cast.ToFloat64(v)))),
            V("minf", [A], A, a => a.Skip(1).Aggregate(Cast.ToFloat64(a[0]), (m, v) => Math.Min(m, Cast.ToFloat64(v)))),
            F("ceil", [A], a => Math.Ceiling(Cast.ToFloat64(a[0]))),
            F("floor", [A], a => Math.Floor(Cast.ToFloat64(a[0]))),
            V("round", [A, I], F64, a => Round(Cast.ToFloat64(a[0]), (int)a[1]!, a.Length > 2 ? (double)a[2]! : 0.5)),
        ];
    }

    /// <summary>strconv.Atoi: decimal with an optional sign; anything else is 0 in sprig.</summary>
    private static object Atoi(string s)
    {
        if (s.Length == 0 || s.Any(c => c == '_') || !long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out long value))
        {
            return 0;
        }

        return Cast.Int(value);
    }

    private static long Divide(long a, long b) => b == 0
        ? throw new InvalidOperationException("runtime error: integer divide by zero")
        : a == long.MinValue && b == -1 ? a : a / b;

    private static long Modulo(long a, long b) => b == 0
        ? throw new InvalidOperationException("runtime error: integer divide by zero")
        : b == -1 ? 0 : a % b;

    private static int RandInt(int min, int max) => max - min <= 0
        ? throw new InvalidOperationException("invalid argument to Intn")
        : System.Security.Cryptography.RandomNumberGenerator.GetInt32(min, max);

    /// <summary>strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 when that fails.</summary>
    private static long ToDecimal(object? v)
    {
        string s = GoValueFormatter.Format(v);
        bool negative = s.StartsWith('-');
        string digits = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
        if (digits.Length == 0 || digits.Any(c => c is < '0' or > '7'))
        {
            return 0;
        }

        System.Numerics.BigInteger value = 0;
        foreach (char c in digits)
        {
            value = (value * 8) + (c - '0');
        }

        value = negative ? -value : value;
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : 0;
    }

    /// <summary>shopspring/decimal arithmetic on the float64 values, as sprig's <c>execDecimalOp</c> does.</summary>
    private static double Decimal(object? first, IEnumerable<object?> rest, char op)
    {
        decimal acc = ToDecimal(Cast.ToFloat64(first));
        foreach (object? v in rest)
        {
            decimal d = ToDecimal(Cast.ToFloat64(v));
            acc = op switch
            {
                '+' => acc + d,
                '-' => acc - d,
                '*' => acc * d,
                _ => d == 0 ? throw new InvalidOperationException("decimal division by 0") : Math.Round(acc / d, 16),
            };
        }

        return (double)acc;
    }

    /// <summary>decimal.NewFromFloat: the shortest decimal that reads back as the float.</summary>
    private static decimal ToDecimal(double d) => double.IsFinite(d) && Math.Abs(d) < 7.9e28
        ? decimal.Parse(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"cannot represent {GoValueFormatter.Format(d)} as a decimal");

    private static double Round(double val, int places, double roundOn)
    {
        double pow = Math.Pow(10, places);
        double digit = pow * val;
        double div = digit - Math.Truncate(digit);
        double round = div >= roundOn ? Math.Ceiling(digit) : Math.Floor(digit);
        return round / pow;
    }
}
