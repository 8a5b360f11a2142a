using k8s.Models;

namespace Honeydipper.Kubernetes.Runtime.Conditions;

/// <summary>
/// Sets metav1.Conditions the way kubectl wait, Argo CD and Flux expect: one per type, lastTransitionTime changed
/// only when the status flips, and no change reported (so no status write) when nothing differs.
/// </summary>
public static class ConditionSet
{
    /// <summary>Sets the condition; true when anything changed.</summary>
    public static bool Set(IList<V1Condition> conditions, string type, string status, string reason, string message, long? observedGeneration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(time);
        // Kubernetes keeps times to the second; truncating keeps a written condition equal to the one read back.
        DateTime now = DateTime.UnixEpoch.AddSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        V1Condition? existing = Find(conditions, type);
        if (existing is null)
        {
            conditions.Add(new V1Condition { LastTransitionTime = now, Message = message, Reason = reason, Status = status, Type = type, ObservedGeneration = observedGeneration });
            return true;
        }

        if (existing.Status == status && existing.Reason == reason && existing.Message == message && existing.ObservedGeneration == observedGeneration)
        {
            return false;
        }

        if (existing.Status != status)
        {
            existing.LastTransitionTime = now;
        }

        existing.Status = status;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = observedGeneration;
        return true;
    }

    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IEnumerable<V1Condition>? conditions, string type) => Find(conditions, type)?.Status == ConditionStatus.True;

    /// <summary>Removes the condition; true when it was there.</summary>
    public static bool Remove(IList<V1Condition> conditions, string type)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        V1Condition? existing = Find(conditions, type);
        return existing is not null && conditions.Remove(existing);
    }
}
