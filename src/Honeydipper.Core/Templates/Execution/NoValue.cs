namespace Honeydipper.Core.Templates.Execution;

/// <summary>
/// Go's invalid <c>reflect.Value</c>: what a missing map key evaluates to (and a nil interface once a pipeline digs into
/// it). It prints as <c>&lt;no value&gt;</c>; passed to an <c>interface {}</c> parameter it becomes null. It never leaves
/// the evaluator.
/// </summary>
internal sealed class NoValue
{
    public static readonly NoValue Instance = new();

    /// <summary>Marks "no value piped in" for a command (Go's missingVal), distinct from <see cref="Instance"/>.</summary>
    public static readonly NoValue NoFinal = new();

    private NoValue()
    {
    }

    public override string ToString() => "<no value>";
}
