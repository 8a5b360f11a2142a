namespace Honeydipper.Core.Engine;

/// <summary>Something a session cannot do (an undefined workflow, a bad iterate_pool...); the session ends with status error.</summary>
public sealed class WorkflowException : Exception
{
    public WorkflowException()
    {
    }

    public WorkflowException(string message)
        : base(message)
    {
    }

    public WorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
