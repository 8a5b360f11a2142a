namespace Honeydipper.Core.Templates;

/// <summary>
/// The Go parameter type of a template function, which decides how an argument is checked: Go's text/template refuses a
/// float64 where an int is wanted (<c>wrong type for value; expected int; got float64</c>), and converts literals only
/// to the declared type (<c>expected integer; found 1.5</c>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The members are Go's type names.")]
public enum GoParam
{
    /// <summary><c>interface {}</c>: anything; a missing value arrives as null.</summary>
    Any,

    /// <summary><c>reflect.Value</c>: anything, and a missing value stays distinguishable (builtins such as <c>len</c>, <c>eq</c>).</summary>
    Value,

    String,
    Int,
    Int64,
    Float64,
    Bool,
    Uint32,

    /// <summary><c>map[string]interface {}</c>.</summary>
    Map,

    /// <summary><c>[]interface {}</c>.</summary>
    List,

    /// <summary><c>time.Time</c> (a <see cref="DateTimeOffset"/>).</summary>
    Time,

    /// <summary><c>time.Duration</c> (a <see cref="TimeSpan"/>).</summary>
    Duration,
}
