// What the transports say in Runnel's own words (`src/main/transports/`). A server's or Node's own
// words (`detail`, `reason`, `start`) are values, written as they came.
import { defineWords } from './define-words';

type Host = { host: string };
type HostDetail = { host: string; detail: string };
type GrpcStatus = { host: string; status: string };
type Frame = { host: string; what: string; limit: string };
type WsClose = { host: string; code: number; reason: string };

const why = (reason: string) => (reason ? `: ${reason}` : '');
/** "4 MiB" reads the same in Chinese; "100 bytes" does not. */
const zhBytes = (limit: string) => limit.replace(/ bytes$/, ' 字节');
const zhFrames: Record<string, string> = {
  'an SSE event': '一个 SSE 事件',
  'an NDJSON line': '一行 NDJSON',
  'a WebSocket message': '一条 WebSocket 消息',
  'a gRPC message': '一条 gRPC 消息',
  'a poll answer': '一次轮询应答',
};

export const transportWords = defineWords(
  'transport',
  {
    badUrl: ({ url }: { url: string }) => `Not a valid URL: ${url}`,
    notHttp: ({ scheme }: { scheme: string }) => `Only http and https URLs are supported, not ${scheme}`,
    stopped: 'Stopped',
    noAnswerWithin: ({ host, seconds }: { host: string; seconds: number }) =>
      `${host} did not answer within ${seconds} s`,
    notJson: ({ host, start }: { host: string; start: string }) =>
      `${host} answered with something that is not JSON: ${start}`,
    wentSilent: ({ host, seconds }: { host: string; seconds: number }) =>
      `${host} went silent for ${seconds} s in the middle of the answer`,
    frameTooLarge: ({ host, what, limit }: Frame) =>
      `${host} sent ${what} larger than the limit of ${limit} per frame; the stream was stopped`,
    responseTooLarge: ({ host, limit }: { host: string; limit: string }) =>
      `${host} sent more than the limit of ${limit} for one answer; the stream was stopped`,
    // network-error.ts: what Node's socket, TLS and HTTP/2 errors mean
    cutShort: ({ host }: Host) => `${host} closed the connection before the answer was complete`,
    untrustedCertificate: ({ host, detail }: HostDetail) =>
      `${host} presented a certificate that is not trusted (${detail}). If the server uses a self-signed or private certificate, add it in the backend settings.`,
    wrongHostName: ({ host, detail }: HostDetail) =>
      `The certificate of ${host} is not valid for this host name: ${detail}`,
    noHttpVersion: ({ host }: Host) =>
      `${host} refused every HTTP version offered over TLS. Set the backend's HTTP version to Auto or HTTP/1.1.`,
    tlsError: ({ host, detail }: HostDetail) => `TLS error talking to ${host}: ${detail}`,
    refused: ({ host }: Host) => `Nothing is listening at ${host} (connection refused). Is the server running?`,
    cannotResolve: ({ host }: Host) => `Cannot resolve host ${host}`,
    unreachable: ({ host }: Host) => `Host ${host} is unreachable`,
    connectTimedOut: ({ host }: Host) => `Connecting to ${host} timed out`,
    h2StreamReset: ({ host, detail }: HostDetail) =>
      `${host} reset the HTTP/2 stream before the answer was complete (${detail})`,
    h2GoAway: ({ host, detail }: HostDetail) => `${host} closed the HTTP/2 connection (GOAWAY): ${detail}`,
    h2Broken: ({ host, detail }: HostDetail) =>
      `${host} broke the HTTP/2 protocol (${detail}). If it does not speak HTTP/2, set the backend's HTTP version to HTTP/1.1 or Auto.`,
    requestFailed: ({ host, detail }: HostDetail) => `Request to ${host} failed: ${detail}`,
    // http-route.ts: the backend's HTTP version setting
    noHttp2: ({ host }: Host) =>
      `${host} does not offer HTTP/2 (it chose HTTP/1.1 over TLS). Set the backend's HTTP version to Auto or HTTP/1.1.`,
    h2NeedsHttps: 'h2 is HTTP/2 over TLS and needs an https URL; for plain http use h2c',
    h2cNeedsHttp: 'h2c is HTTP/2 without TLS and needs an http URL; for https use h2 or auto',
    // websocket-stream.ts
    wsClosed: ({ host, code, reason }: WsClose) => `${host} closed the WebSocket (${code}${why(reason)})`,
    wsCutShort: ({ host, code, reason }: WsClose) =>
      `${host} closed the connection before the answer was complete (WebSocket ${code}${why(reason)})`,
    wsNoOpen: ({ host, seconds }: { host: string; seconds: number }) =>
      `${host} did not open the WebSocket within ${seconds} s`,
    // poll-stream.ts
    jobNotJson: ({ host, start }: { host: string; start: string }) =>
      `${host} answered the job request with something that is not JSON: ${start}`,
    noJobToPoll: ({ host, start }: { host: string; start: string }) => `${host} started no job to poll: ${start}`,
    // grpc-stream.ts, grpc-status.ts: a status the server sent without its own details
    grpcCallFailed: ({ host, detail }: HostDetail) => `gRPC call to ${host} failed: ${detail}`,
    grpcCutShort: ({ host, detail }: HostDetail) =>
      `${host} closed the connection before the answer was complete (${detail})`,
    grpcTlsError: ({ host, detail }: HostDetail) =>
      `TLS error talking to ${host}: ${detail} If the server uses a self-signed or private certificate, add it in the backend settings.`,
    grpcCouldNotConnect: ({ host, detail }: HostDetail) => `Could not connect to ${host}: ${detail}`,
    grpcUnavailable: ({ host, status }: GrpcStatus) => `${host} is unavailable (gRPC status ${status})`,
    grpcLate: ({ host, status }: GrpcStatus) => `${host} did not answer in time (gRPC status ${status})`,
    grpcCredentials: ({ host, status }: GrpcStatus) => `${host} refused the credentials (gRPC status ${status})`,
    grpcNotFound: ({ host, status }: GrpcStatus) => `${host} does not have what was asked for (gRPC status ${status})`,
    grpcOverLimits: ({ host, status }: GrpcStatus) => `${host} is over its limits (gRPC status ${status})`,
    grpcRefused: ({ host, status }: GrpcStatus) => `${host} refused the request (gRPC status ${status})`,
    grpcFailed: ({ host, status }: GrpcStatus) => `${host} failed (gRPC status ${status})`,
    grpcCancelled: ({ host, detail }: HostDetail) => `${host} cancelled the call${detail ? `: ${detail}` : ''}`,
  },
  {
    zh: {
      badUrl: ({ url }: { url: string }) => `不是有效的网址：${url}`,
      notHttp: ({ scheme }: { scheme: string }) => `只支持 http 和 https 网址，不支持 ${scheme}`,
      stopped: '已停止',
      noAnswerWithin: ({ host, seconds }: { host: string; seconds: number }) => `${host} 在 ${seconds} 秒内没有应答`,
      notJson: ({ host, start }: { host: string; start: string }) => `${host} 的应答不是 JSON：${start}`,
      wentSilent: ({ host, seconds }: { host: string; seconds: number }) => `${host} 在回答中途 ${seconds} 秒没有动静`,
      frameTooLarge: ({ host, what, limit }: Frame) =>
        `${host} 发来的${zhFrames[what] ?? what}超过了每帧 ${zhBytes(limit)} 的上限，已停止接收`,
      responseTooLarge: ({ host, limit }: { host: string; limit: string }) =>
        `${host} 发来的内容超过了单个回答 ${zhBytes(limit)} 的上限，已停止接收`,
      cutShort: ({ host }: Host) => `${host} 在回答完成前关闭了连接`,
      untrustedCertificate: ({ host, detail }: HostDetail) =>
        `${host} 出示的证书不受信任（${detail}）。如果服务器使用自签名或私有证书，请在后端设置中添加该证书。`,
      wrongHostName: ({ host, detail }: HostDetail) => `${host} 的证书与这个主机名不符：${detail}`,
      noHttpVersion: ({ host }: Host) =>
        `${host} 拒绝了通过 TLS 提供的所有 HTTP 版本。请把后端的 HTTP 版本设为“自动”或 HTTP/1.1。`,
      tlsError: ({ host, detail }: HostDetail) => `与 ${host} 通信时出现 TLS 错误：${detail}`,
      refused: ({ host }: Host) => `${host} 上没有服务在监听（连接被拒绝）。服务器在运行吗？`,
      cannotResolve: ({ host }: Host) => `无法解析主机 ${host}`,
      unreachable: ({ host }: Host) => `无法访问主机 ${host}`,
      connectTimedOut: ({ host }: Host) => `连接 ${host} 超时`,
      h2StreamReset: ({ host, detail }: HostDetail) => `${host} 在回答完成前重置了 HTTP/2 流（${detail}）`,
      h2GoAway: ({ host, detail }: HostDetail) => `${host} 关闭了 HTTP/2 连接（GOAWAY）：${detail}`,
      h2Broken: ({ host, detail }: HostDetail) =>
        `${host} 违反了 HTTP/2 协议（${detail}）。如果它不支持 HTTP/2，请把后端的 HTTP 版本设为 HTTP/1.1 或“自动”。`,
      requestFailed: ({ host, detail }: HostDetail) => `向 ${host} 发送请求失败：${detail}`,
      noHttp2: ({ host }: Host) =>
        `${host} 不提供 HTTP/2（它通过 TLS 选择了 HTTP/1.1）。请把后端的 HTTP 版本设为“自动”或 HTTP/1.1。`,
      h2NeedsHttps: 'h2 是基于 TLS 的 HTTP/2，需要 https 网址；普通 http 请用 h2c',
      h2cNeedsHttp: 'h2c 是不带 TLS 的 HTTP/2，需要 http 网址；https 请用 h2 或“自动”',
      wsClosed: ({ host, code, reason }: WsClose) => `${host} 关闭了 WebSocket（${code}${why(reason)}）`,
      wsCutShort: ({ host, code, reason }: WsClose) =>
        `${host} 在回答完成前关闭了连接（WebSocket ${code}${why(reason)}）`,
      wsNoOpen: ({ host, seconds }: { host: string; seconds: number }) =>
        `${host} 在 ${seconds} 秒内没有打开 WebSocket`,
      jobNotJson: ({ host, start }: { host: string; start: string }) => `${host} 对任务请求的应答不是 JSON：${start}`,
      noJobToPoll: ({ host, start }: { host: string; start: string }) => `${host} 没有启动可轮询的任务：${start}`,
      grpcCallFailed: ({ host, detail }: HostDetail) => `对 ${host} 的 gRPC 调用失败：${detail}`,
      grpcCutShort: ({ host, detail }: HostDetail) => `${host} 在回答完成前关闭了连接（${detail}）`,
      grpcTlsError: ({ host, detail }: HostDetail) =>
        `与 ${host} 通信时出现 TLS 错误：${detail} 如果服务器使用自签名或私有证书，请在后端设置中添加该证书。`,
      grpcCouldNotConnect: ({ host, detail }: HostDetail) => `无法连接到 ${host}：${detail}`,
      grpcUnavailable: ({ host, status }: GrpcStatus) => `${host} 暂时不可用（gRPC 状态 ${status}）`,
      grpcLate: ({ host, status }: GrpcStatus) => `${host} 没有及时应答（gRPC 状态 ${status}）`,
      grpcCredentials: ({ host, status }: GrpcStatus) => `${host} 拒绝了凭据（gRPC 状态 ${status}）`,
      grpcNotFound: ({ host, status }: GrpcStatus) => `${host} 没有所请求的内容（gRPC 状态 ${status}）`,
      grpcOverLimits: ({ host, status }: GrpcStatus) => `${host} 超出了它的限额（gRPC 状态 ${status}）`,
      grpcRefused: ({ host, status }: GrpcStatus) => `${host} 拒绝了这个请求（gRPC 状态 ${status}）`,
      grpcFailed: ({ host, status }: GrpcStatus) => `${host} 出错了（gRPC 状态 ${status}）`,
      grpcCancelled: ({ host, detail }: HostDetail) => `${host} 取消了调用${detail ? `：${detail}` : ''}`,
    },
  },
);
