namespace Honeydipper.Operator.Compilation;

/// <summary>The reasons an object's Ready condition can give.</summary>
public static class VerdictReasons
{
    /// <summary>Loaded and in use.</summary>
    public const string Valid = "Valid";

    /// <summary>In use, but it names a driver no Driver object runs: those events never come, those calls are never served.</summary>
    public const string DriverNotFound = "DriverNotFound";

    /// <summary>Not in use: a field is wrong or names something that does not exist.</summary>
    public const string Invalid = "Invalid";

    /// <summary>Not in use: a Secret (or a key of it) that dataFrom names does not exist.</summary>
    public const string SecretNotFound = "SecretNotFound";

    /// <summary>Not in use: an older object defines the same Honeydipper name.</summary>
    public const string Duplicate = "Duplicate";
}

/// <summary>What the compiler concluded about one object: whether it is in use, and why not.</summary>
public sealed record ObjectVerdict(string Reason, string Message)
{
    public static readonly ObjectVerdict Valid = new(VerdictReasons.Valid, "in use by the engine");

    /// <summary>True when the object is part of the engine's configuration.</summary>
    public bool InUse => Reason is VerdictReasons.Valid or VerdictReasons.DriverNotFound;

    /// <summary>True for Ready=True: in use and nothing to report.</summary>
    public bool Ready => Reason == VerdictReasons.Valid;

    /// <summary>Warnings (unknown keys and the like) that do not stop the object from being used.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
