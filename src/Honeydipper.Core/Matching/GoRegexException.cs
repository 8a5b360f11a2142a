namespace Honeydipper.Core.Matching;

/// <summary>A pattern that Go's regexp (RE2) would reject, or that uses RE2 syntax we cannot express; the message is Go's.</summary>
public sealed class GoRegexException : Exception
{
    public GoRegexException()
    {
    }

    public GoRegexException(string message)
        : base(message)
    {
    }

    public GoRegexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
