// A stand-in for 1Password's libop_sdk_ipc_client.so: the library @1password/sdk loads with
// process.dlopen to reach the desktop app. Like the real one it exports sendMessage(Buffer), which
// answers a Promise of the app's reply bytes. Each message goes to the stand-in app over a Unix
// socket named by OP_BRIDGE_DESKTOP_APP_SOCKET, framed as a 4-byte big-endian length and the bytes.
// The socket work runs on libuv's thread pool (napi async work), never on the event loop.
#include <node_api.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

const char* const kSocketVariable = "OP_BRIDGE_DESKTOP_APP_SOCKET";
// The frame limit matches the SDK's own message limit (50 MB) with room for the JSON envelope.
const uint32_t kMaxFrame = 64u * 1024u * 1024u;

// Return codes in the style 1Password's SDKs report for the real library (`Return code: -2`).
const int kCannotConnect = -2;
const int kNoAnswer = -3;

struct Call {
  std::string request;
  std::string socketPath;
  std::string reply;
  int code = 0;
  napi_deferred deferred = nullptr;
  napi_async_work work = nullptr;
};

bool WriteAll(int fd, const char* data, size_t length) {
  while (length > 0) {
    ssize_t written = send(fd, data, length, MSG_NOSIGNAL);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    length -= static_cast<size_t>(written);
  }
  return true;
}

bool ReadAll(int fd, char* data, size_t length) {
  while (length > 0) {
    ssize_t got = recv(fd, data, length, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;  // The app closed the connection before answering in full.
    data += got;
    length -= static_cast<size_t>(got);
  }
  return true;
}

// Runs on a thread-pool thread: one connection per message, as simple as a request/response can be.
void Exchange(napi_env, void* data) {
  Call* call = static_cast<Call*>(data);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (call->socketPath.empty() || call->socketPath.size() >= sizeof(address.sun_path)) {
    call->code = kCannotConnect;
    return;
  }
  std::memcpy(address.sun_path, call->socketPath.c_str(), call->socketPath.size() + 1);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    if (fd >= 0) close(fd);
    call->code = kCannotConnect;
    return;
  }
  uint32_t length = static_cast<uint32_t>(call->request.size());
  unsigned char header[4] = {static_cast<unsigned char>(length >> 24), static_cast<unsigned char>(length >> 16),
                             static_cast<unsigned char>(length >> 8), static_cast<unsigned char>(length)};
  unsigned char replyHeader[4];
  if (!WriteAll(fd, reinterpret_cast<char*>(header), 4) ||
      !WriteAll(fd, call->request.data(), call->request.size()) ||
      !ReadAll(fd, reinterpret_cast<char*>(replyHeader), 4)) {
    close(fd);
    call->code = kNoAnswer;
    return;
  }
  uint32_t replyLength = (uint32_t(replyHeader[0]) << 24) | (uint32_t(replyHeader[1]) << 16) |
                         (uint32_t(replyHeader[2]) << 8) | uint32_t(replyHeader[3]);
  if (replyLength > kMaxFrame) {
    close(fd);
    call->code = kNoAnswer;
    return;
  }
  call->reply.resize(replyLength);
  if (replyLength > 0 && !ReadAll(fd, &call->reply[0], replyLength)) call->code = kNoAnswer;
  close(fd);
}

// Back on the event loop: settle the Promise with the reply bytes or the error.
void Settle(napi_env env, napi_status, void* data) {
  Call* call = static_cast<Call*>(data);
  if (call->code == 0) {
    napi_value buffer;
    void* copy = nullptr;
    napi_create_buffer_copy(env, call->reply.size(), call->reply.data(), &copy, &buffer);
    napi_resolve_deferred(env, call->deferred, buffer);
  } else {
    std::string text =
        "failed to send message to Desktop App. Please make sure the integrations is enabled or otherwise "
        "contact 1Password support. Return code: " +
        std::to_string(call->code);
    napi_value message, error;
    napi_create_string_utf8(env, text.c_str(), text.size(), &message);
    napi_create_error(env, nullptr, message, &error);
    napi_reject_deferred(env, call->deferred, error);
  }
  napi_delete_async_work(env, call->work);
  delete call;
}

napi_value SendMessage(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  bool isTyped = false;
  if (argc >= 1) napi_is_typedarray(env, argv[0], &isTyped);
  if (!isTyped) {
    napi_throw_type_error(env, nullptr, "sendMessage expects a Buffer or Uint8Array");
    return nullptr;
  }
  napi_typedarray_type type;
  size_t length = 0;
  void* bytes = nullptr;
  napi_get_typedarray_info(env, argv[0], &type, &length, &bytes, nullptr, nullptr);

  Call* call = new Call();
  call->request.assign(static_cast<const char*>(bytes), length);
  // Read on the event loop: the variable may change between calls (tests point it at their own app).
  const char* path = std::getenv(kSocketVariable);
  call->socketPath = path ? path : "";

  napi_value promise, name;
  napi_create_promise(env, &call->deferred, &promise);
  napi_create_string_utf8(env, "op_sdk_ipc_send_message", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, nullptr, name, Exchange, Settle, call, &call->work);
  napi_queue_async_work(env, call->work);
  return promise;
}

}  // namespace

NAPI_MODULE_INIT() {
  napi_value function;
  napi_create_function(env, "sendMessage", NAPI_AUTO_LENGTH, SendMessage, nullptr, &function);
  napi_set_named_property(env, exports, "sendMessage", function);
  return exports;
}
