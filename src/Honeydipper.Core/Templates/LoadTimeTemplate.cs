namespace Honeydipper.Core.Templates;

/// <summary>
/// The load-time pass over configuration files (semantics §0): each file is rendered as a Go template with <c>{% %}</c>
/// delimiters before it is read as YAML. <c>{{ }}</c> is left alone for run time.
/// </summary>
public static class LoadTimeTemplate
{
    /// <summary>Renders a configuration file's text.</summary>
    /// <param name="fileText">The file as read.</param>
    /// <param name="hdEnv">The <c>HD_*</c> environment variables with the prefix already stripped (the caller filters them).</param>
    /// <param name="filename">The path relative to the repository root, as templates see it in <c>.local.filename</c>; also the
    /// template name in error messages.</param>
    /// <param name="time">The clock for <c>now</c>.</param>
    /// <returns>The rendered text; the text unchanged when it holds no <c>{%</c>, or when the template returned a non-string value
    /// (as the original keeps the file then).</returns>
    /// <exception cref="TemplateException">The file's load-time template is invalid or fails.</exception>
    public static string Render(string fileText, IReadOnlyDictionary<string, string> hdEnv, string filename, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(fileText);
        ArgumentNullException.ThrowIfNull(hdEnv);
        ArgumentNullException.ThrowIfNull(filename);
        if (!fileText.Contains("{%", StringComparison.Ordinal))
        {
            return fileText;
        }

        Dictionary<string, object?> env = new(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in hdEnv)
        {
            env[pair.Key] = pair.Value;
        }

        Dictionary<string, object?> data = new(StringComparer.Ordinal)
        {
            ["env"] = env,
            ["local"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["filename"] = filename },
        };
        TemplateOptions options = time is null ? TemplateOptions.LoadTime : TemplateOptions.LoadTime with { TimeProvider = time };
        object? result = GoTemplate.Parse(filename, fileText, options).Evaluate(data);
        return result as string ?? fileText;
    }
}
