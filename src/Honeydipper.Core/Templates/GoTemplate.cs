using Honeydipper.Core.Templates.Execution;
using Honeydipper.Core.Templates.Parsing;

namespace Honeydipper.Core.Templates;

/// <summary>
/// A parsed Go text/template with Honeydipper's functions (sprig v3.2.3 and its own). Parse once, execute many times from
/// any number of threads: a parsed template is immutable. Every failure — parse or execution — is a
/// <see cref="TemplateException"/> worded as Go words it.
/// </summary>
public sealed class GoTemplate
{
    private readonly Dictionary<string, TemplateTree> _trees;
    private readonly TemplateTree _root;

    private GoTemplate(string name, Dictionary<string, TemplateTree> trees, TemplateOptions options)
    {
        Name = name;
        _trees = trees;
        _root = trees[name];
        Options = options;
    }

    public string Name { get; }

    public TemplateOptions Options { get; }

    /// <summary>Names of the templates the text defines with <c>{{define}}</c> or <c>{{block}}</c>, and its own.</summary>
    public IEnumerable<string> TemplateNames => _trees.Keys;

    /// <summary>Parses a template.</summary>
    /// <exception cref="TemplateException">The text is not a valid template, e.g.
    /// <c>template: name:1:5: function "nope" not defined</c>.</exception>
    public static GoTemplate Parse(string name, string text, TemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        options ??= TemplateOptions.Default;
        try
        {
            return new GoTemplate(name, Parser.Parse(name, text, options), options);
        }
        catch (Exception e) when (e is not TemplateException and not OutOfMemoryException)
        {
            // A safety net: callers rely on TemplateException being the only failure.
            throw new TemplateException($"template: {name}: internal error while parsing: {e.Message}", e);
        }
    }

    /// <summary>Renders the template; the value given to <c>return</c>, if any, is ignored.</summary>
    /// <exception cref="TemplateException">Execution failed, e.g.
    /// <c>template: go:1:3: executing "go" at &lt;eq .a 1&gt;: error calling eq: incompatible types for comparison</c>.</exception>
    public string Execute(object? data)
    {
        Evaluator evaluator = new(_root, Lookup, Options);
        try
        {
            evaluator.Run(data);
            return evaluator.Output;
        }
        catch (Exception e) when (e is not TemplateException and not OutOfMemoryException)
        {
            throw Internal(e);
        }
        finally
        {
            evaluator.Release();
        }
    }

    /// <summary>
    /// Runs the template the way Honeydipper's interpolation does: the value passed to <c>return</c> (typed — bool, map,
    /// list...) when the template called it, otherwise the rendered string.
    /// </summary>
    public object? Evaluate(object? data)
    {
        Evaluator evaluator = new(_root, Lookup, Options);
        try
        {
            evaluator.Run(data);
            return evaluator.Context.HasReturned ? evaluator.Context.ReturnValue : evaluator.Output;
        }
        catch (Exception e) when (e is not TemplateException and not OutOfMemoryException)
        {
            throw Internal(e);
        }
        finally
        {
            evaluator.Release();
        }
    }

    /// <summary>A safety net: callers rely on TemplateException being the only failure of an execution.</summary>
    private TemplateException Internal(Exception e) => new($"template: {Name}: internal error while executing: {e.Message}", e);

    private TemplateTree? Lookup(string name) => _trees.GetValueOrDefault(name);
}
