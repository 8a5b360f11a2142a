namespace Honeydipper.Kubernetes.Runtime.Conditions;

/// <summary>The values of metav1.Condition.status.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
