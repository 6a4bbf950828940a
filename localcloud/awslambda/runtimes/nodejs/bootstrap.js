// The Node.js runtime of the local Lambda runner: one execution environment.
//
// The runner starts `node bootstrap.js <request fd>` with the function's
// environment and working directory (the unpacked code, LAMBDA_TASK_ROOT). It
// loads the handler named by _HANDLER (the init phase) as Lambda's Node.js
// runtime does (CommonJS, or an ES module: .mjs, or .js under "type": "module"),
// then runs one invocation per request: an async handler's promise, or a
// callback handler's callback, with Lambda's error types and payloads
// (Runtime.ImportModuleError, Runtime.HandlerNotFound, Runtime.UserCodeSyntaxError,
// Runtime.MalformedHandlerName, or the error's own name, message and trace).
//
// The wire (localcloud/awslambda/protocol.py): requests come on <request fd>,
// each a 4-byte big-endian length and a JSON body (the first one carries the
// frame token); answers go to standard output, the function's log, as frames
// "\x1e<token>|J<10-digit length><JSON>" that the runner cuts out of the log.
// Between requests the event loop is blocked on the next read, as Lambda
// freezes an environment between invocations.
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const REQUESTS = Number(process.argv[2]);
let prefix = '';
let requestId = undefined;

function readExactly(count) {
  const buffer = Buffer.alloc(count);
  let offset = 0;
  while (offset < count) {
    let read;
    try {
      read = fs.readSync(REQUESTS, buffer, offset, count - offset, null);
    } catch (error) {
      if (error.code === 'EAGAIN') continue;
      throw error;
    }
    if (read === 0) return null;
    offset += read;
  }
  return buffer;
}

function receive() {
  const header = readExactly(4);
  if (header === null) return null;
  const body = readExactly(header.readUInt32BE(0));
  return body === null ? null : JSON.parse(body.toString('utf8'));
}

function send(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const header = Buffer.from(prefix + 'J' + String(body.length).padStart(10, '0'), 'latin1');
  const frame = Buffer.concat([header, body]);
  let offset = 0;
  while (offset < frame.length) {
    try {
      offset += fs.writeSync(1, frame, offset, frame.length - offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
    }
  }
}

// -- the log: console.* as Lambda's runtime writes it ------------------------------

function patchConsole() {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      const line = `${new Date().toISOString()}\t${requestId}\t${level}\t${util.format(...args)}\n`;
      fs.writeSync(1, line.replace(/\n(?!$)/g, '\r'));
    };
  }
}

// -- errors, as Lambda's Node.js runtime reports them ------------------------------

class RuntimeError extends Error {}

function runtimeError(type, message) {
  const error = new RuntimeError(message);
  error.name = `Runtime.${type}`;
  return error;
}

function toPayload(error) {
  try {
    if (util.types.isNativeError(error) || (error && typeof error.stack === 'string')) {
      return { errorType: error.name, errorMessage: error.message, trace: error.stack.split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch (_failed) {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

function logError(prefixText, payload) {
  const shown = { errorType: payload.errorType, errorMessage: payload.errorMessage, stack: payload.trace };
  fs.writeSync(1, `${new Date().toISOString()}\t${requestId}\tERROR\t${prefixText} \t${JSON.stringify(shown)}\n`);
}

// -- loading the handler -------------------------------------------------------------

function typeModule(folder) {
  for (let current = folder; ; current = path.dirname(current)) {
    if (current.endsWith('/node_modules')) return false;
    const manifest = path.join(current, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, 'utf8')).type === 'module';
      } catch (_unreadable) {
        return false;
      }
    }
    if (current === path.dirname(current)) return false;
  }
}

async function requireOrImport(appRoot, moduleRoot, moduleName) {
  const file = path.resolve(appRoot, moduleRoot, moduleName);
  const exists = (suffix) => fs.existsSync(file + suffix);
  if (exists('')) return require(file);
  const esm = typeModule(path.dirname(file));
  if (!esm && exists('.js')) return require(file + '.js');
  if (esm && exists('.js')) return import(pathToFileURL(file + '.js').href);
  if (exists('.mjs')) return import(pathToFileURL(file + '.mjs').href);
  if (exists('.cjs')) return require(file + '.cjs');
  return require(require.resolve(moduleName, { paths: [appRoot, path.resolve(appRoot, moduleRoot)] }));
}

async function loadHandler(appRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw runtimeError('MalformedHandlerName', `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = handlerString.match(/^([^.]*)\.(.*)$/);
  if (!match) throw runtimeError('MalformedHandlerName', 'Bad handler');
  let app;
  try {
    app = await requireOrImport(appRoot, moduleRoot, match[1]);
  } catch (error) {
    if (error instanceof SyntaxError) throw runtimeError('UserCodeSyntaxError', String(error));
    if (error && error.code === 'MODULE_NOT_FOUND') throw runtimeError('ImportModuleError', String(error));
    throw error;
  }
  const handler = match[2].split('.').reduce((nested, key) => nested && nested[key], app);
  if (!handler) throw runtimeError('HandlerNotFound', `${fullHandler} is undefined or not exported`);
  if (typeof handler !== 'function') throw runtimeError('HandlerNotFound', `${fullHandler} is not a function`);
  return handler;
}

// -- invoking it ---------------------------------------------------------------------

function context(request, settle) {
  // From when this invocation starts here: the request may have come before the init.
  const deadlineMs = Date.now() + request.timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: request.functionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: request.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: request.clientContext,
    identity: undefined,
    getRemainingTimeInMillis: () => Math.max(deadlineMs - Date.now(), 0),
    done: (error, result) => settle(error, result),
    succeed: (result) => settle(null, result),
    fail: (error) => settle(error || 'handled'),
  };
}

function invoke(handler, request) {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (error, result) => {
      if (settled) return;
      settled = true;
      resolve({ error, result });
    };
    current = settle;
    try {
      const event = JSON.parse(request.payload);
      const returned = handler(event, context(request, settle), settle);
      if (returned && typeof returned.then === 'function') {
        returned.then((result) => settle(null, result), (error) => settle(error === undefined || error === null ? new Error(String(error)) : error));
      }
    } catch (error) {
      settle(error);
    }
  });
}

let current = null; // the settle function of the invocation in flight

function failInFlight(type, error) {
  const payload = toPayload(error);
  if (type) payload.errorType = type;
  logError('Uncaught Exception', payload);
  if (current) send({ type: 'error', requestId, error: payload });
  else send({ type: 'init_error', error: payload });
  process.exit(129);
}

async function main() {
  const hello = receive();
  if (hello === null) return;
  prefix = '\x1e' + hello.token + '|';
  patchConsole();
  setInterval(() => {
    if (process.ppid === 1 || process.ppid !== parent) {
      try { process.kill(-process.pid, 'SIGKILL'); } finally { process.exit(1); }
    }
  }, 1000).unref();
  process.on('uncaughtException', (error) => failInFlight(null, error));
  process.on('unhandledRejection', (reason) => failInFlight('Runtime.UnhandledPromiseRejection', reason));
  // The event loop ran empty with no answer: Lambda answers null then.
  process.on('beforeExit', () => current && current(null, null));
  const started = process.hrtime.bigint();
  let handler;
  try {
    handler = await loadHandler(process.env.LAMBDA_TASK_ROOT || process.cwd(), process.env._HANDLER || '');
  } catch (error) {
    const payload = toPayload(error);
    logError('Uncaught Exception', payload);
    send({ type: 'init_error', error: payload });
    process.exit(1);
  }
  send({ type: 'ready', initMs: Number(process.hrtime.bigint() - started) / 1e6 });
  for (;;) {
    const request = receive();
    if (request === null) process.exit(0);
    requestId = request.requestId;
    const { error, result } = await invoke(handler, request);
    current = null;
    if (error !== null && error !== undefined) {
      const payload = toPayload(error);
      logError('Invoke Error', payload);
      send({ type: 'error', requestId, error: payload });
      continue;
    }
    let text;
    try {
      text = JSON.stringify(result === undefined ? null : result);
    } catch (failure) {
      const payload = { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body: ${failure.message}`, trace: [] };
      send({ type: 'error', requestId, error: payload });
      continue;
    }
    send({ type: 'result', requestId, json: text });
  }
}

const parent = process.ppid;
main().catch((error) => failInFlight(null, error));
