using Honeydipper.Core.Templates;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Tests.Templates;

/// <summary>
/// The differential table: template, data and the output Go's text/template with sprig v3.2.3 produces, written as data in
/// Differential/*.yaml. Each expectation was derived from the Go and sprig sources (see the comments in the files).
/// Data is read with Honeydipper's YAML rules, so numbers are float64 as they are in real configurations.
/// </summary>
public class DifferentialTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Templates", "Differential");

    public static TheoryData<string, string> Cases()
    {
        TheoryData<string, string> data = [];
        foreach (string file in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var cases = Assert.IsAssignableFrom<IList<object?>>(GoYaml.Parse(File.ReadAllText(file), file));
            for (int i = 0; i < cases.Count; i++)
            {
                var c = Assert.IsAssignableFrom<IDictionary<string, object?>>(cases[i]);
                data.Add(Path.GetFileName(file), $"{i}: {c["name"]}");
            }
        }

        return data;
    }

    [Fact]
    public void The_table_holds_at_least_150_cases() => Assert.True(Cases().Count >= 150, $"only {Cases().Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Go_and_this_engine_agree(string file, string title)
    {
        var cases = (IList<object?>)GoYaml.Parse(File.ReadAllText(Path.Combine(Folder, file)), file)!;
        int index = int.Parse(title[..title.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var c = (IDictionary<string, object?>)cases[index]!;
        string template = (string)c["template"]!;
        object? data = c.TryGetValue("data", out object? d) ? d : null;
        GoTemplate parsedOrNull;
        if (c.TryGetValue("error", out object? expectedError))
        {
            TemplateException e = Assert.Throws<TemplateException>(() =>
                GoTemplate.Parse("t", template, TemplateRunner.Options).Execute(data));
            Assert.Contains((string)expectedError!, e.Message, StringComparison.Ordinal);
            return;
        }

        parsedOrNull = GoTemplate.Parse("t", template, TemplateRunner.Options);
        if (c.TryGetValue("returns", out object? expectedValue))
        {
            object? actual = parsedOrNull.Evaluate(data);
            Assert.Equal(GoJson.Serialize(expectedValue), GoJson.Serialize(actual));
            if (c.TryGetValue("type", out object? type))
            {
                Assert.Equal((string)type!, GoTypes.TypeName(actual));
            }

            return;
        }

        Assert.Equal((string)c["expect"]!, parsedOrNull.Execute(data));
    }
}
