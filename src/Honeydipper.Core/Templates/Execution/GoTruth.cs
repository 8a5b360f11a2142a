using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Execution;

/// <summary>Go text/template's truth (<c>isTrue</c>) and the shared helpers of evaluation.</summary>
internal static class GoTruth
{
    /// <summary>Non-zero numbers, non-empty strings, lists and maps, true, and structs are true; nil and missing are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null or NoValue => false,
        bool b => b,
        string s => s.Length > 0,
        int i => i != 0,
        long l => l != 0,
        double d => d != 0,
        float f => f != 0,
        byte b => b != 0,
        uint u => u != 0,
        ulong u => u != 0,
        short s => s != 0,
        TimeSpan t => t != TimeSpan.Zero,
        IList<object?> l => l.Count > 0,
        IDictionary<string, object?> m => m.Count > 0,
        IReadOnlyDictionary<string, object?> m => m.Count > 0,
        byte[] bytes => bytes.Length > 0,
        _ => true,
    };

    public static readonly object True = true;
    public static readonly object False = false;

    public static object Box(bool value) => value ? True : False;

    /// <summary>Go's <c>%v</c> of a value as the evaluator sees it (missing prints <c>&lt;no value&gt;</c>).</summary>
    public static string Print(object? value) => value is NoValue ? "<no value>" : GoValueFormatter.Format(value);
}
