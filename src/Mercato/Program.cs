
return await MercatoCli.Build().Parse(args).InvokeAsync();
