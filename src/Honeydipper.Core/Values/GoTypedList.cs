namespace Honeydipper.Core.Values;

/// <summary>
/// A list that Go would hold as a typed slice (<c>[]string</c>, <c>[]int</c>): sprig's <c>splitList</c>, <c>keys</c>,
/// <c>regexFindAll</c> and <c>until</c> return these. It is still an <see cref="IList{T}"/> of object? so the engine treats it
/// as any list; only <c>typeOf</c>/<c>typeIs</c> and argument type checks see the element type.
/// </summary>
public sealed class GoTypedList : List<object?>
{
    public GoTypedList(string elementType)
    {
        ElementType = elementType;
    }

    public GoTypedList(string elementType, int capacity)
        : base(capacity)
    {
        ElementType = elementType;
    }

    public GoTypedList(string elementType, IEnumerable<object?> items)
        : base(items)
    {
        ElementType = elementType;
    }

    /// <summary>Go's element type name, e.g. <c>string</c> for a <c>[]string</c>.</summary>
    public string ElementType { get; }
}
