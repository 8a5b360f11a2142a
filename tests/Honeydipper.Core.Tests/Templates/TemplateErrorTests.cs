using Honeydipper.Core.Templates;
using static Honeydipper.Core.Tests.Templates.TemplateRunner;

namespace Honeydipper.Core.Tests.Templates;

public class TemplateErrorTests
{
    [Fact]
    public void Parse_errors_name_the_template_line_column_and_text()
    {
        TemplateException e = Assert.Throws<TemplateException>(() => GoTemplate.Parse("name", "{{ .x } }}"));
        Assert.Equal("template: name:1:6: unexpected \"}\" in operand (near \"} }}\")", e.Message);
        Assert.Equal("name", e.TemplateName);
        Assert.Equal(1, e.Line);
        Assert.Equal(6, e.Column);
        Assert.Equal("unexpected \"}\" in operand", e.Reason);
    }

    [Fact]
    public void Unknown_functions_are_parse_errors_at_their_position()
    {
        TemplateException e = Assert.Throws<TemplateException>(() => GoTemplate.Parse("go", "line one\n  {{ upper .a | nope }}"));
        Assert.Equal("template: go:2:16: function \"nope\" not defined (near \"nope }}\")", e.Message);
    }

    [Fact]
    public void Unterminated_actions_say_so()
    {
        TemplateException e = Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", "ok\n{{ if .a }}x{{ .b "));
        Assert.Equal(2, e.Line);
        Assert.Contains("unclosed action", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_action_across_lines_names_where_it_started()
    {
        TemplateException e = Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", "{{ print\n  1\n  \"x"));
        Assert.Contains("unterminated quoted string in action started at t:1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execution_errors_follow_Go_exactly()
    {
        TemplateException e = Fails("a\n{{ .a.b.c }}", new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = "s" } });
        // Go positions a field chain at its second field (parse.go's operand builds it from the chain's position).
        Assert.Equal("template: t:2:5: executing \"t\" at <.a.b.c>: can't evaluate field c in type interface {}", e.Message);
        Assert.Equal(2, e.Line);
        Assert.Equal(5, e.Column);
        Assert.Equal("<.a.b.c>", "<" + e.Near + ">");
    }

    [Fact]
    public void Errors_inside_defined_templates_name_the_running_template()
    {
        TemplateException e = Fails("{{ define \"inner\" }}{{ fail \"x\" }}{{ end }}{{ template \"inner\" }}");
        Assert.Equal("template: t:1:23: executing \"inner\" at <fail \"x\">: error calling fail: x", e.Message);
    }

    [Fact]
    public void Wrong_argument_types_name_the_argument()
    {
        TemplateException e = Fails("{{ trunc .n .s }}", new Dictionary<string, object?> { ["n"] = 2.0, ["s"] = "abc" });
        Assert.Equal("template: t:1:9: executing \"t\" at <.n>: wrong type for value; expected int; got float64", e.Message);
    }

    [Fact]
    public void Runaway_recursion_is_stopped()
    {
        TemplateException e = Fails("{{ define \"loop\" }}{{ template \"loop\" . }}{{ end }}{{ template \"loop\" . }}");
        Assert.Contains("exceeded maximum template depth (1000)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runaway_output_is_stopped()
    {
        TemplateOptions small = Options with { MaxOutputLength = 1000 };
        TemplateException e = Assert.Throws<TemplateException>(() =>
            GoTemplate.Parse("t", "{{ range until 100 }}0123456789abcdef{{ end }}", small).Execute(null));
        Assert.Contains("template output exceeds the limit of 1000 characters", e.Message, StringComparison.Ordinal);
        TemplateException big = Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", "{{ repeat 100000 \"x\" }}", small).Execute(null));
        Assert.Contains("error calling repeat: repeat would produce 100000 characters", big.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        string deep = string.Concat(Enumerable.Repeat("{{ if true }}", 20000)) + "x" + string.Concat(Enumerable.Repeat("{{ end }}", 20000));
        TemplateException e = Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", deep));
        Assert.Contains("nested too deeply", e.Message, StringComparison.Ordinal);
        string parens = "{{ " + new string('(', 20000) + "1" + new string(')', 20000) + " }}";
        Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", parens));
    }

    [Theory]
    [InlineData("{{")]
    [InlineData("}}{{")]
    [InlineData("{{ $ }}")]
    [InlineData("{{ $x := }}")]
    [InlineData("{{ range $a, $b, $c := . }}{{ end }}")]
    [InlineData("{{ . | }}")]
    [InlineData("{{ ( }}")]
    [InlineData("{{ 1.2.3 }}")]
    [InlineData("{{ 'ab' }}")]
    [InlineData("{{ \"\\q\" }}")]
    [InlineData("{{ 0x }}")]
    [InlineData("{{ 1i }}")]
    [InlineData("{{ 99999999999999999999 }}")]
    [InlineData("{{ template }}")]
    [InlineData("{{ define }}")]
    [InlineData("{{ else }}")]
    [InlineData("{{ with }}{{ end }}")]
    [InlineData("{{ .a. }}")]
    [InlineData("{{ @ }}")]
    [InlineData("{{ $x = 1 }}")]
    [InlineData("{{ call .f }}")]
    [InlineData("{{ index }}")]
    [InlineData("{{ index nil 1 }}")]
    [InlineData("{{ slice \"abc\" 1 }}")]
    [InlineData("{{ len 3 }}")]
    [InlineData("{{ printf 1 }}")]
    [InlineData("{{ not }}")]
    [InlineData("{{ .a.b | .c }}")]
    [InlineData("{{ dict 1 2 | keys | first | upper }}")]
    [InlineData("{{ regexReplaceAll \"(\" \"a\" \"b\" }}")]
    [InlineData("{{ semverCompare \"bad constraint !!\" \"1.0.0\" }}")]
    [InlineData("{{ fromJson \"[1,2\" | first }}")]
    [InlineData("{{ toDate \"2006\" \"x\" | ISO8601 }}")]
    [InlineData("{{ decryptAES \"k\" \"AAAA\" }}")]
    [InlineData("{{ chunk 0 (list 1) }}")]
    [InlineData("{{ $m := dict }}{{ index $m 1 }}")]
    [InlineData("{{ bcrypt \"x\" }}")]
    [InlineData("{{ range 1.5 }}{{ end }}")]
    [InlineData("{{ range $i, $v := 3 }}{{ end }}")]
    public void Bad_templates_fail_only_with_TemplateException(string template)
    {
        Exception? e = Record.Exception(() => GoTemplate.Parse("t", template, Options).Evaluate(new Dictionary<string, object?>()));
        if (e is not null)
        {
            TemplateException te = Assert.IsType<TemplateException>(e);
            Assert.StartsWith("template: t:", te.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Excluded_functions_are_not_defined()
    {
        foreach (string name in new[] { "env", "expandenv", "getHostByName" })
        {
            TemplateException e = Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", $"{{{{ {name} \"HOME\" }}}}"));
            Assert.Contains($"function \"{name}\" not defined", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{{ $m := dict }}{{ $_ := set $m \"me\" $m }}{{ $m }}")]
    [InlineData("{{ $m := dict }}{{ $_ := set $m \"me\" $m }}{{ mustToJson $m }}")]
    [InlineData("{{ $m := dict }}{{ $_ := set $m \"me\" $m }}{{ deepCopy $m }}")]
    [InlineData("{{ $m := dict }}{{ $_ := set $m \"me\" $m }}{{ printf \"%s\" $m }}")]
    public void Cyclic_data_is_an_error_not_a_crash(string template) => Assert.Throws<TemplateException>(() => Run(template));

    [Fact]
    public void ToJson_of_cyclic_data_is_empty_as_sprig_swallows_the_error() =>
        Assert.Equal("[]", Run("{{ $m := dict }}{{ $_ := set $m \"me\" $m }}[{{ toJson $m }}]"));
}
