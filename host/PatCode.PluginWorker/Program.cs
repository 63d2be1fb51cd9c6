using PatCode.PluginWorker;

return await WorkerProgram.RunAsync(args);
