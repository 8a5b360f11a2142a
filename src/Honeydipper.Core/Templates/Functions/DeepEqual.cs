using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>Go's <c>reflect.DeepEqual</c> over our data: same Go type and same contents, recursively.</summary>
internal static class DeepEqual
{
    public static bool Equal(object? a, object? b, int depth = 0)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (depth > 1000 || GoTypes.TypeName(a) != GoTypes.TypeName(b))
        {
            return false;
        }

        switch (a)
        {
            case IList<object?> la:
                IList<object?> lb = (IList<object?>)b;
                if (la.Count != lb.Count)
                {
                    return false;
                }

                for (int i = 0; i < la.Count; i++)
                {
                    if (!Equal(la[i], lb[i], depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case IDictionary<string, object?> ma:
                IDictionary<string, object?> mb = (IDictionary<string, object?>)b;
                if (ma.Count != mb.Count)
                {
                    return false;
                }

                foreach (KeyValuePair<string, object?> pair in ma)
                {
                    if (!mb.TryGetValue(pair.Key, out object? other) || !Equal(pair.Value, other, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case byte[] ba:
                return ba.AsSpan().SequenceEqual((byte[])b);
            case double da:
                // Go compares floats with ==, so NaN is never equal to itself.
                return da == (double)b;
            case IGoValue:
                return ReferenceEquals(a, b) || a.Equals(b);
            default:
                return a.Equals(b);
        }
    }
}
