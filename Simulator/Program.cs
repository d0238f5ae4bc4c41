return NodeSim.Cli.NodeSimApp.Run(args);
