namespace Honeydipper.Core.Config.Model;

/// <summary>A function of a system that another function calls through: <c>target: {system, function}</c>.</summary>
public sealed record FunctionTarget(string System, string Function)
{
    public static readonly FunctionTarget None = new(string.Empty, string.Empty);

    public bool IsEmpty => System.Length == 0 && Function.Length == 0;

    public override string ToString() => $"{System}.{Function}";
}
