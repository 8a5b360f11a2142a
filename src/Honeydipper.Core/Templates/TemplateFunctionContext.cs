using Honeydipper.Core.Templates.Execution;

namespace Honeydipper.Core.Templates;

/// <summary>What a function may use from the execution calling it: the clock, the local zone, the output budget.</summary>
public sealed class TemplateFunctionContext
{
    internal TemplateFunctionContext(TemplateOptions options)
    {
        Options = options;
    }

    public TemplateOptions Options { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>The zone Go calls "Local" (sprig's <c>date</c>, <c>toDate</c>).</summary>
    public TimeZoneInfo LocalZone => Options.LocalTimeZone;

    internal bool HasReturned { get; private set; }

    internal object? ReturnValue { get; private set; }

    /// <summary>True for the marker of a missing value (an absent map key), which only <see cref="GoParam.Value"/> parameters see.</summary>
    public static bool IsMissing(object? value) => value is NoValue;

    /// <summary>Honeydipper's <c>return</c>: the template's result becomes this value; the last call wins.</summary>
    internal void SetReturn(object? value)
    {
        HasReturned = true;
        ReturnValue = value;
    }

    /// <summary>Refuses results larger than the output budget, so that <c>repeat</c> and friends cannot exhaust memory.</summary>
    public void CheckSize(long length, string what)
    {
        if (length > Options.MaxOutputLength)
        {
            throw new InvalidOperationException(
                $"{what} would produce {length} characters, more than the limit of {Options.MaxOutputLength}");
        }
    }
}
