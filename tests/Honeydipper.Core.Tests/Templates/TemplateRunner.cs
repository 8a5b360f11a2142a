using Honeydipper.Core.Templates;

namespace Honeydipper.Core.Tests.Templates;

/// <summary>Parses and runs templates with a fixed clock and UTC as "Local", so results do not depend on the machine.</summary>
internal static class TemplateRunner
{
    public static readonly TemplateOptions Options = new()
    {
        TimeProvider = new TestTime(),
        LocalTimeZone = TimeZoneInfo.Utc,
    };

    public static string Run(string template, object? data = null, string name = "t") =>
        GoTemplate.Parse(name, template, Options).Execute(data);

    public static object? Eval(string template, object? data = null) => GoTemplate.Parse("t", template, Options).Evaluate(data);

    public static TemplateException Fails(string template, object? data = null, string name = "t") =>
        Assert.Throws<TemplateException>(() => GoTemplate.Parse(name, template, Options).Execute(data));
}
