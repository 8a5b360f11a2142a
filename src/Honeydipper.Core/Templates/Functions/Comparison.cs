using Honeydipper.Core.Templates.Execution;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// Go's template comparisons (<c>eq</c>, <c>lt</c>, ...): only values of the same basic kind compare; an int against a
/// float64 is an error ("incompatible types for comparison"), while comparing anything with nil is simply false.
/// </summary>
internal static class Comparison
{
    private enum Kind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
        Uint,
    }

    private static Kind BasicKind(object? v) => v switch
    {
        bool => Kind.Bool,
        int or long or short or sbyte or TimeSpan => Kind.Int,
        byte or ushort or uint or ulong => Kind.Uint,
        double or float => Kind.Float,
        string => Kind.String,
        _ => Kind.Invalid,
    };

    private static long I(object v) => v is TimeSpan t ? GoDuration.FromTimeSpan(t) : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);

    private static ulong U(object v) => Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture);

    private static double F(object v) => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsNil(object? v) => v is null or NoValue;

    public static bool Eq(object? arg1, ReadOnlySpan<object?> rest)
    {
        if (arg1 is NoValue)
        {
            arg1 = null;
        }

        if (rest.Length == 0)
        {
            throw new InvalidOperationException("missing argument for comparison");
        }

        Kind k1 = BasicKind(arg1);
        foreach (object? raw in rest)
        {
            object? arg = raw is NoValue ? null : raw;
            Kind k2 = BasicKind(arg);
            bool truth = false;
            if (k1 != k2)
            {
                if (k1 == Kind.Int && k2 == Kind.Uint)
                {
                    truth = I(arg1!) >= 0 && (ulong)I(arg1!) == U(arg!);
                }
                else if (k1 == Kind.Uint && k2 == Kind.Int)
                {
                    truth = I(arg!) >= 0 && U(arg1!) == (ulong)I(arg!);
                }
                else if (arg1 is not null && arg is not null)
                {
                    throw new InvalidOperationException(
                        $"incompatible types for comparison: {GoTypes.TypeName(arg1)} and {GoTypes.TypeName(arg)}");
                }
            }
            else
            {
                truth = k1 switch
                {
                    Kind.Bool => (bool)arg1! == (bool)arg!,
                    Kind.Float => F(arg1!) == F(arg!),
                    Kind.Int => I(arg1!) == I(arg!),
                    Kind.String => (string)arg1! == (string)arg!,
                    Kind.Uint => U(arg1!) == U(arg!),
                    _ => EqualOther(arg1, arg),
                };
            }

            if (truth)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EqualOther(object? a, object? b)
    {
        if (IsNil(a) || IsNil(b))
        {
            return IsNil(a) == IsNil(b);
        }

        string ta = GoTypes.KindName(a);
        string tb = GoTypes.KindName(b);
        if (ta != tb)
        {
            throw new InvalidOperationException(
                $"non-comparable types {GoValueFormatter.Format(a)}: {GoTypes.TypeName(a)}, {GoTypes.TypeName(b)}: {GoValueFormatter.Format(b)}");
        }

        if (b is IList<object?> or IDictionary<string, object?> or IReadOnlyDictionary<string, object?> or byte[])
        {
            throw new InvalidOperationException($"non-comparable type {GoValueFormatter.Format(b)}: {GoTypes.TypeName(b)}");
        }

        if (GoTypes.TypeName(a) != GoTypes.TypeName(b))
        {
            return false;
        }

        return a is IGoValue ? ReferenceEquals(a, b) : Equals(a, b);
    }

    public static bool Lt(object? arg1, object? arg2)
    {
        arg1 = arg1 is NoValue ? null : arg1;
        arg2 = arg2 is NoValue ? null : arg2;
        Kind k1 = BasicKind(arg1);
        Kind k2 = BasicKind(arg2);
        if (k1 == Kind.Invalid || k2 == Kind.Invalid)
        {
            throw new InvalidOperationException("invalid type for comparison");
        }

        if (k1 != k2)
        {
            if (k1 == Kind.Int && k2 == Kind.Uint)
            {
                return I(arg1!) < 0 || (ulong)I(arg1!) < U(arg2!);
            }

            if (k1 == Kind.Uint && k2 == Kind.Int)
            {
                return I(arg2!) >= 0 && U(arg1!) < (ulong)I(arg2!);
            }

            throw new InvalidOperationException(
                $"incompatible types for comparison: {GoTypes.TypeName(arg1)} and {GoTypes.TypeName(arg2)}");
        }

        return k1 switch
        {
            Kind.Bool => throw new InvalidOperationException("invalid type for comparison"),
            Kind.Float => F(arg1!) < F(arg2!),
            Kind.Int => I(arg1!) < I(arg2!),
            Kind.String => GoValueFormatter.CompareUtf8((string)arg1!, (string)arg2!) < 0,
            _ => U(arg1!) < U(arg2!),
        };
    }
}
