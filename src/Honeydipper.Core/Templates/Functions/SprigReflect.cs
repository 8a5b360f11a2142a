using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>sprig's type checks, with Go's names: <c>float64</c> for YAML numbers, <c>map[string]interface {}</c>, <c>[]interface {}</c>.</summary>
internal static class SprigReflect
{
    public static IEnumerable<TemplateFunction> All() =>
    [
        F("typeOf", [A], a => GoTypes.TypeName(a[0])),
        F("typeIs", [S, A], a => (string)a[0]! == GoTypes.TypeName(a[1])),
        F("typeIsLike", [S, A], a => (string)a[0]! == GoTypes.TypeName(a[1]) || "*" + (string)a[0]! == GoTypes.TypeName(a[1])),
        F("kindOf", [A], a => GoTypes.KindName(a[0])),
        F("kindIs", [S, A], a => (string)a[0]! == GoTypes.KindName(a[1])),
        F("deepEqual", [A, A], a => DeepEqual.Equal(a[0], a[1])),
    ];
}
