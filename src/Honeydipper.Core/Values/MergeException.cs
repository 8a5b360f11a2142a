namespace Honeydipper.Core.Values;

/// <summary>A merge modifier cannot be applied, e.g. <c>key+</c> appending a list to a string.</summary>
public sealed class MergeException : Exception
{
    public MergeException()
    {
    }

    public MergeException(string message)
        : base(message)
    {
    }

    public MergeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
