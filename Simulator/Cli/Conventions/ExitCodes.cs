namespace NodeSim.Cli.Conventions;

/// <summary>The program's exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command ran, and some check it makes failed.</summary>
    public const int ChecksFailed = 1;
    /// <summary>The command line or an input file was wrong; nothing was done.</summary>
    public const int BadInput = 2;
    /// <summary>A defect in NodeSim itself (an unexpected exception).</summary>
    public const int InternalError = 70;
}
