-- Neovim (0.7+) as a second, independent LSP client of elb-lint-ls.
--
--   ELB_LS_CMD='node server/bin/elb-lint-ls.js --stdio' ELB_OUT=/tmp/out.json \
--     nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/nvim/check.lua' -- a.elb.yaml b.elb.json
--
-- Starts the server with vim.lsp.start_client (0.7 has no vim.lsp.start), attaches every file's
-- buffer, waits for each file's textDocument/publishDiagnostics, asks for the code actions and the
-- hover at each file's first diagnostic, and writes everything as JSON to $ELB_OUT:
--   { files = { [path] = { published, ms, diagnostics = <LSP params>, nvim = <vim.diagnostic.get>,
--                          actions = [titles], hover = text } }, server = { name, version }, errors = [...] }
-- Exit status: 0 when every file got a publish, 1 otherwise (the node test reads the JSON either way).
--
-- With ELB_NVIM_CONFIG=<file.lua> (the Neovim block of docs/editors.md), the client is the one
-- that configuration starts: filetype detection is on, the file is loaded as a user's init.lua
-- would, and opening each buffer lets its FileType autocommand start and attach the server
-- (`elb-lint-ls` from PATH). This script only watches: it records the configuration passed to
-- vim.lsp.start_client and the server's answer to initialize.
local out_path = assert(os.getenv('ELB_OUT'), 'ELB_OUT is required')
local user_config = os.getenv('ELB_NVIM_CONFIG')
local cmd = not user_config and vim.split(assert(os.getenv('ELB_LS_CMD'), 'ELB_LS_CMD is required'), ' ', { trimempty = true }) or nil
local timeout = tonumber(os.getenv('ELB_TIMEOUT_MS') or '20000')

local report = { files = {}, errors = {}, server = vim.NIL }
local published = {}

local function note(msg)
  table.insert(report.errors, msg)
end

local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then
    published[vim.uri_to_fname(result.uri)] = result
  end
  return default_publish(err, result, ctx, config)
end

local function on_init(_, result)
  report.server = result.serverInfo or vim.NIL
end
local function on_exit(code, signal)
  if code ~= 0 and code ~= 143 then
    note(('server exited: code=%s signal=%s'):format(code, signal))
  end
end

local client_id
if user_config then
  local start_client = vim.lsp.start_client
  vim.lsp.start_client = function(config)
    report.config = { name = config.name, cmd = config.cmd, root_dir = config.root_dir, settings = config.settings or vim.NIL }
    local user_init = config.on_init
    config.on_init = function(...)
      on_init(...)
      if user_init then
        return user_init(...)
      end
    end
    local user_exit = config.on_exit
    config.on_exit = function(...)
      on_exit(...)
      if user_exit then
        return user_exit(...)
      end
    end
    return start_client(config)
  end
  vim.cmd('filetype on')
  local ok, err = pcall(dofile, user_config)
  if not ok then
    note('loading ' .. user_config .. ': ' .. tostring(err))
  end
else
  client_id = vim.lsp.start_client({
    name = 'elb-lint',
    cmd = cmd,
    cmd_cwd = vim.fn.getcwd(),
    root_dir = vim.fn.getcwd(),
    on_init = on_init,
    on_exit = on_exit,
  })
  if not client_id then
    note('vim.lsp.start_client failed')
  end
end

--- The elb-lint client attached to a buffer (started by the user configuration).
local function attached(buf)
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    if c.name == 'elb-lint' then
      return c.id
    end
  end
  return nil
end

local function write_report()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(report))
  f:close()
end

local ok_all = client_id ~= nil or user_config ~= nil
if ok_all then
  for _, arg in ipairs(vim.fn.argv()) do
    local t0 = vim.loop.hrtime()
    vim.cmd('edit ' .. vim.fn.fnameescape(arg))
    local buf = vim.api.nvim_get_current_buf()
    local fname = vim.api.nvim_buf_get_name(buf)
    if user_config then
      -- The configuration's FileType autocommand attached the buffer (or nothing did); the
      -- client counts once it has answered initialize.
      vim.wait(timeout, function()
        return attached(buf) ~= nil
      end, 10)
      client_id = attached(buf)
      if not client_id then
        note(fname .. ': the configuration attached no elb-lint client (filetype ' .. vim.bo[buf].filetype .. ')')
        ok_all = false
        break
      end
    else
      -- -u NONE: no filetype detection; the filetype becomes the languageId.
      vim.bo[buf].filetype = arg:match('%.json$') and 'json' or 'yaml'
      vim.lsp.buf_attach_client(buf, client_id)
    end
    local got = vim.wait(timeout, function()
      return published[fname] ~= nil
    end, 10)
    local entry = {
      published = got,
      ms = math.floor((vim.loop.hrtime() - t0) / 1e6),
      diagnostics = got and published[fname].diagnostics or vim.NIL,
      nvim = {},
      actions = {},
      hover = vim.NIL,
    }
    -- What Neovim itself made of them (0-based lnum/col, like LSP).
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(entry.nvim, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message })
    end
    if not got then
      ok_all = false
      note(fname .. ': no textDocument/publishDiagnostics within ' .. timeout .. ' ms')
    elseif #published[fname].diagnostics > 0 then
      local first = published[fname].diagnostics[1]
      local uri = vim.uri_from_bufnr(buf)
      local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
        textDocument = { uri = uri },
        range = first.range,
        context = { diagnostics = { first } },
      }, timeout)
      for _, res in pairs(actions or {}) do
        if res.err then
          note(fname .. ': codeAction: ' .. vim.inspect(res.err))
        end
        for _, a in ipairs(res.result or {}) do
          table.insert(entry.actions, a.title)
        end
      end
      local hovers = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
        textDocument = { uri = uri },
        position = first.range.start,
      }, timeout)
      for _, res in pairs(hovers or {}) do
        if res.result and res.result.contents then
          local c = res.result.contents
          entry.hover = type(c) == 'table' and (c.value or vim.inspect(c)) or tostring(c)
        end
      end
    end
    report.files[fname] = entry
  end
  if client_id then
    vim.lsp.stop_client(client_id)
    vim.wait(5000, function()
      return vim.lsp.get_client_by_id(client_id) == nil
    end, 20)
  end
end

write_report()
if ok_all then
  vim.cmd('qa!')
else
  vim.cmd('cquit 1')
end
