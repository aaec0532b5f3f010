//! Host pages for the widget, served from a second origin (as a customer's site would be).

use axum::Router;
use axum::response::Html;
use axum::routing::get;

pub struct HostPage {
    pub url: String,
    server: tokio::task::JoinHandle<()>,
}

impl HostPage {
    /// Serves `html` at `/` on a free loopback port (`localhost`, so it is another origin than
    /// the edge at `127.0.0.1`) until dropped.
    pub async fn serve(html: String) -> crate::Result<HostPage> {
        let (listener, port) = crate::process::loopback_listener().await?;
        let app = Router::new().route("/", get(move || async move { Html(html) }));
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(HostPage {
            url: format!("http://localhost:{port}/"),
            server,
        })
    }

    /// A page that embeds the widget exactly as `embedCode` does, plus extra markup in `<head>`.
    pub fn embedding(edge_base_url: &str, widget_id: &str, head: &str) -> String {
        format!(
            "<!doctype html><html><head><meta charset=utf-8><title>Host</title>{head}</head>\
             <body><h1>A customer's site</h1>\
             <script src=\"{edge_base_url}/widget.js\" data-widget-id=\"{widget_id}\" async></script></body></html>"
        )
    }
}

impl Drop for HostPage {
    fn drop(&mut self) {
        self.server.abort();
    }
}
