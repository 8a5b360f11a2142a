namespace Honeydipper.Core.Templates.Functions;

/// <summary>Short constructors for the function tables, so each family reads as a list of Go signatures.</summary>
internal static class Fn
{
    public const GoParam A = GoParam.Any;
    public const GoParam S = GoParam.String;
    public const GoParam I = GoParam.Int;
    public const GoParam I64 = GoParam.Int64;
    public const GoParam F64 = GoParam.Float64;
    public const GoParam B = GoParam.Bool;
    public const GoParam M = GoParam.Map;
    public const GoParam T = GoParam.Time;

    /// <summary>A function with fixed parameters.</summary>
    public static TemplateFunction F(string name, GoParam[] parameters, Func<object?[], object?> body) =>
        new(name, parameters, null, (_, a) => body(a));

    /// <summary>A function with a variadic tail of the given type.</summary>
    public static TemplateFunction V(string name, GoParam[] parameters, GoParam variadic, Func<object?[], object?> body) =>
        new(name, parameters, variadic, (_, a) => body(a));

    /// <summary>A function that needs the execution context (clock, zone, output budget).</summary>
    public static TemplateFunction C(string name, GoParam[] parameters, GoParam? variadic, TemplateFunctionBody body) =>
        new(name, parameters, variadic, body);

    /// <summary>Registers the same body under several names (sprig's aliases such as push/append).</summary>
    public static IEnumerable<TemplateFunction> Aliases(TemplateFunction f, params string[] names) =>
        names.Select(n => new TemplateFunction(n, f.Parameters, f.Variadic, f.Body));
}
