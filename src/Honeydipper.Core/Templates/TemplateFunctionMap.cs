using System.Collections.Frozen;
using Honeydipper.Core.Templates.Functions;

namespace Honeydipper.Core.Templates;

/// <summary>
/// An immutable set of template functions by name. <see cref="Honeydipper"/> is what Honeydipper's templates see: Go's
/// builtins, sprig v3.2.3's <c>TxtFuncMap</c> (less <c>env</c>, <c>expandenv</c> and <c>getHostByName</c>, excluded on
/// purpose) and Honeydipper's <c>fromPath</c>, <c>ISO8601</c>, <c>toYaml</c> and <c>return</c>. Where names collide sprig
/// wins, as in the original (so <c>duration</c> is sprig's, and <c>slice</c> is sprig's list slice).
/// </summary>
public sealed class TemplateFunctionMap
{
    private static readonly Lazy<TemplateFunctionMap> BuiltinsLazy = new(() => new(BuiltinFunctions.All()));
    private static readonly Lazy<TemplateFunctionMap> HoneydipperLazy = new(BuildHoneydipper);

    private readonly FrozenDictionary<string, TemplateFunction> _functions;

    private TemplateFunctionMap(IEnumerable<TemplateFunction> functions)
    {
        Dictionary<string, TemplateFunction> map = new(StringComparer.Ordinal);
        foreach (TemplateFunction f in functions)
        {
            map[f.Name] = f;
        }

        _functions = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Go's text/template builtins only (<c>and</c>, <c>eq</c>, <c>index</c>, <c>printf</c>, ...).</summary>
    public static TemplateFunctionMap Builtins => BuiltinsLazy.Value;

    /// <summary>Honeydipper's full set.</summary>
    public static TemplateFunctionMap Honeydipper => HoneydipperLazy.Value;

    public IEnumerable<string> Names => _functions.Keys;

    public int Count => _functions.Count;

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TemplateFunction? function) =>
        _functions.TryGetValue(name, out function);

    public bool Contains(string name) => _functions.ContainsKey(name);

    /// <summary>A new map with these functions added (replacing same-named ones).</summary>
    public TemplateFunctionMap With(params IEnumerable<TemplateFunction> functions) => new(_functions.Values.Concat(functions));

    /// <summary>A new map without the named functions.</summary>
    public TemplateFunctionMap Without(params IEnumerable<string> names)
    {
        HashSet<string> drop = new(names, StringComparer.Ordinal);
        return new(_functions.Values.Where(f => !drop.Contains(f.Name)));
    }

    private static TemplateFunctionMap BuildHoneydipper()
    {
        // Order matters: later families override earlier ones, mirroring Funcs(FuncMap) then Funcs(sprig) then return.
        List<TemplateFunction> all = [.. BuiltinFunctions.All()];
        all.AddRange(HoneydipperFunctions.Own());
        all.AddRange(SprigFunctions.All());
        all.AddRange(HoneydipperFunctions.Return());
        return new TemplateFunctionMap(all);
    }
}
