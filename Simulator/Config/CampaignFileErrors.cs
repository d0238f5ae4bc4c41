namespace NodeSim.Config;

/// <summary>Every problem of a campaign file as one error, so a file with three typos is fixed after one run, not three.</summary>
public static class CampaignFileErrors
{
    /// <summary>The most problems listed; the rest are counted (a file that far off is usually the wrong file).</summary>
    public const int MaxListed = 25;

    /// <summary>One problem as it is; several as "N problems:" and each on its own line, at its file, line and column.</summary>
    public static UserInputException Combine(IReadOnlyList<UserInputException> errors) => errors.Count switch
    {
        0 => throw new ArgumentException("no errors to combine", nameof(errors)),
        1 => errors[0],
        _ => new UserInputErrors($"{errors.Count} problems:",
            [.. errors.Take(MaxListed).Select(e => e.Message), .. errors.Count > MaxListed ? new[] { $"… and {errors.Count - MaxListed} more" } : []]),
    };
}
