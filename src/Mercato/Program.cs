using Mercato.Cli;

return await MercatoCli.Build().Parse(args).InvokeAsync();
