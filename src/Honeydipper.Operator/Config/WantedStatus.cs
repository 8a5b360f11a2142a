using Honeydipper.Operator.Compilation;

namespace Honeydipper.Operator.Config;

/// <summary>The Ready condition an object's status should show, and the generation it was compiled from.</summary>
internal sealed record WantedStatus(long Generation, bool Ready, string Reason, string Message)
{
    public static WantedStatus Of(ConfigObject obj, ObjectVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(verdict);
        return new(obj.Generation, verdict.Ready, verdict.Reason,
            verdict.Warnings.Count == 0 ? verdict.Message : $"{verdict.Message}; warnings: {string.Join("; ", verdict.Warnings)}");
    }
}

/// <summary>What writing an object's status came to.</summary>
internal enum StatusWrite
{
    /// <summary>The object is gone.</summary>
    Gone,

    /// <summary>The object's generation moved on since the compile: the next compile writes its status.</summary>
    Outdated,

    /// <summary>The status already said so (or our write of it is on its way to the cache): nothing written.</summary>
    Current,

    /// <summary>Written; Ready kept its value.</summary>
    Written,

    /// <summary>Written, and Ready flipped (or was set for the first time).</summary>
    Flipped,
}
