using Honeydipper.Core.Templates;

namespace Honeydipper.Core.Tests.Templates;

public class LoadTimeTemplateTests
{
    private static readonly Dictionary<string, string> Env = new() { ["TEST_ENV"] = "test", ["REGION"] = "eu" };

    [Fact]
    public void Renders_load_time_delimiters_with_env_and_filename() =>
        Assert.Equal("a: test\nfile: /dir/f.yaml\nb: '{{ .ctx.x }}'",
            LoadTimeTemplate.Render("a: {% .env.TEST_ENV %}\nfile: {% .local.filename %}\nb: '{{ .ctx.x }}'", Env, "/dir/f.yaml"));

    [Fact]
    public void Leaves_run_time_templates_alone() =>
        Assert.Equal("{{ not interpolated }}", LoadTimeTemplate.Render("{{ not interpolated }}", Env, "test.yml"));

    [Fact]
    public void Text_without_load_time_delimiters_is_returned_as_is()
    {
        string text = "plain: yaml";
        Assert.Same(text, LoadTimeTemplate.Render(text, Env, "f.yaml"));
    }

    [Fact]
    public void Sprig_functions_are_available()
    {
        string rendered = LoadTimeTemplate.Render(
            "{% if eq .env.REGION \"eu\" %}{% upper .env.REGION %}{% end %} {% now | date \"2006\" %} {% .env.MISSING | default \"d\" %}",
            Env, "f.yaml", new TestTime());
        Assert.Equal("EU 2024 d", rendered);
    }

    [Fact]
    public void Errors_name_the_file_and_position()
    {
        TemplateException e = Assert.Throws<TemplateException>(() => LoadTimeTemplate.Render("a: 1\nb: {% nope %}", Env, "/init.yaml"));
        Assert.Equal("/init.yaml", e.TemplateName);
        Assert.Equal(2, e.Line);
        Assert.StartsWith("template: /init.yaml:2:", e.Message, StringComparison.Ordinal);
        Assert.Contains("function \"nope\" not defined", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_string_return_keeps_the_file_text()
    {
        string text = "{% return 1 %}x: y";
        Assert.Equal(text, LoadTimeTemplate.Render(text, Env, "f.yaml"));
    }
}
