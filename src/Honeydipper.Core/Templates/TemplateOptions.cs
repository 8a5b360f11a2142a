namespace Honeydipper.Core.Templates;

/// <summary>How templates are parsed and run. The defaults are Honeydipper's run-time settings.</summary>
public sealed record TemplateOptions
{
    public static TemplateOptions Default { get; } = new();

    /// <summary>The load-time pass of configuration files (semantics §0).</summary>
    public static TemplateOptions LoadTime { get; } = new() { LeftDelimiter = "{%", RightDelimiter = "%}" };

    public string LeftDelimiter { get; init; } = "{{";

    public string RightDelimiter { get; init; } = "}}";

    /// <summary>The clock behind <c>now</c> and the date functions.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The zone Go calls "Local".</summary>
    public TimeZoneInfo LocalTimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>The functions templates may call; Honeydipper's set (sprig v3.2.3 plus its own) by default.</summary>
    public TemplateFunctionMap Functions { get; init; } = TemplateFunctionMap.Honeydipper;

    /// <summary>The most characters one execution may write (and one function may produce); guards against runaway output.</summary>
    public int MaxOutputLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>How deeply <c>{{template}}</c> calls may nest; Go allows 100000, which a .NET stack cannot hold.</summary>
    public int MaxTemplateDepth { get; init; } = 1000;
}
