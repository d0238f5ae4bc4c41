// NodeSim parallelises across runs (campaign workers, job windows); MathNet's own parallel loops
// (its FFT above 1,024 points) would only contend with them for the cores, so it runs single-threaded.
MathNet.Numerics.Control.UseSingleThread();
return NodeSim.Cli.NodeSimApp.Run(args);
