// Shown only when the page cannot reach its host: all three languages at once, since no session exists yet.
export function OutOfService() {
  return (
    <main className="attract" data-testid="screen-out-of-service" role="alert">
      <p className="title" lang="zh-CN">暂停服务</p>
      <p className="subtitle" lang="zh-CN">设备正在恢复，请稍候或拨打 12345</p>
      <p className="subtitle" lang="zh-TW">設備正在恢復，請稍候或撥打 12345</p>
      <p className="subtitle" lang="en">Temporarily out of service. Please wait or call 12345.</p>
    </main>
  );
}
