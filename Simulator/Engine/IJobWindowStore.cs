namespace NodeSim.Engine;

/// <summary>
/// Where job executions may be kept beyond a process (the program's disk cache): asked for a request's result, it returns a kept one or
/// runs <c>run</c> and keeps its result. The engine itself writes nothing; the program passes one in.
/// </summary>
public interface IJobWindowStore
{
    JobExecutionResult GetOrRun(JobExecutionRequest request, Func<JobExecutionResult> run);
}
