using Honeydipper.Core.Templates;
using Honeydipper.Testing;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Tests.Templates;

/// <summary>
/// Every template and path in honeydipper-config-essentials must parse: the load-time pass first (vault/init.yaml uses
/// <c>{% %}</c>), then every <c>{{ }}</c> string and every <c>$</c> path (whose text may hold a template) in the YAML.
/// </summary>
public class EssentialsTemplatesTests
{
    private static (List<(string File, string Text)> Templates, List<(string File, string Text)> Paths) Collect()
    {
        List<(string, string)> templates = [];
        List<(string, string)> paths = [];
        foreach (string file in Directory.GetFiles(RepoPaths.Essentials, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = "/" + Path.GetRelativePath(RepoPaths.Essentials, file).Replace('\\', '/');
            string text = LoadTimeTemplate.Render(File.ReadAllText(file), new Dictionary<string, string>(), relative);
            foreach (object? document in GoYaml.ParseAll(text, relative))
            {
                Walk(document, value =>
                {
                    if (value.StartsWith('$'))
                    {
                        paths.Add((relative, value));
                    }
                    else if (value.Contains("{{", StringComparison.Ordinal))
                    {
                        templates.Add((relative, value));
                    }
                });
            }
        }

        return (templates, paths);
    }

    private static void Walk(object? value, Action<string> visit)
    {
        switch (value)
        {
            case string s:
                visit(s);
                break;
            case IDictionary<string, object?> map:
                foreach (object? v in map.Values)
                {
                    Walk(v, visit);
                }

                break;
            case IList<object?> list:
                foreach (object? v in list)
                {
                    Walk(v, visit);
                }

                break;
        }
    }

    [Fact]
    public void Every_template_parses()
    {
        (List<(string File, string Text)> templates, _) = Collect();
        Assert.True(templates.Count >= 200, $"found only {templates.Count} templates");
        List<string> failures = [];
        foreach ((string file, string text) in templates)
        {
            try
            {
                GoTemplate.Parse("go", text);
            }
            catch (TemplateException e)
            {
                failures.Add($"{file}: {e.Message}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Every_path_parses()
    {
        (_, List<(string File, string Text)> paths) = Collect();
        Assert.True(paths.Count >= 200, $"found only {paths.Count} paths");
        List<string> failures = [];
        foreach ((string file, string text) in paths)
        {
            string rest = text.StartsWith("$?", StringComparison.Ordinal) ? text[2..] : text[1..];
            try
            {
                if (rest.Contains("{{", StringComparison.Ordinal))
                {
                    GoTemplate.Parse("go", rest);
                }
            }
            catch (TemplateException e)
            {
                failures.Add($"{file}: {text}: {e.Message}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void The_vault_load_time_escape_renders_run_time_delimiters()
    {
        string text = File.ReadAllText(Path.Combine(RepoPaths.Essentials, "vault", "init.yaml"));
        string rendered = LoadTimeTemplate.Render(text, new Dictionary<string, string>(), "/vault/init.yaml");
        Assert.Contains("token: '{% .env.VAULT_TOKEN %}'", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("{%\"{%\"%}", rendered, StringComparison.Ordinal);
    }
}
