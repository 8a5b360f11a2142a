using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates;

/// <summary>The body of a template function: the checked arguments in, one value out; throw to fail the call.</summary>
public delegate object? TemplateFunctionBody(TemplateFunctionContext context, object?[] args);

/// <summary>
/// A function callable from templates, with its Go signature: fixed parameters and an optional variadic tail. An
/// exception thrown by the body becomes Go's <c>error calling NAME: MESSAGE</c>.
/// </summary>
public sealed class TemplateFunction
{
    public TemplateFunction(string name, IReadOnlyList<GoParam> parameters, GoParam? variadic, TemplateFunctionBody body)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(body);
        Name = name;
        Parameters = [.. parameters];
        Variadic = variadic;
        Body = body;
    }

    public string Name { get; }

    public IReadOnlyList<GoParam> Parameters { get; }

    public GoParam? Variadic { get; }

    public TemplateFunctionBody Body { get; }

    /// <summary>Go's name of a parameter type, as error messages print it.</summary>
    public static string GoTypeName(GoParam param) => param switch
    {
        GoParam.Any => GoTypes.Interface,
        GoParam.Value => "reflect.Value",
        GoParam.String => "string",
        GoParam.Int => "int",
        GoParam.Int64 => "int64",
        GoParam.Float64 => "float64",
        GoParam.Bool => "bool",
        GoParam.Uint32 => "uint32",
        GoParam.Map => GoTypes.Map,
        GoParam.List => GoTypes.List,
        GoParam.Time => "time.Time",
        GoParam.Duration => "time.Duration",
        _ => param.ToString(),
    };
}
