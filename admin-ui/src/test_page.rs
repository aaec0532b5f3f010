//! What the components' browser tests share.

use wasm_bindgen::JsCast;

/// An empty `div` in the test page's body, to mount a component into.
pub fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&container).unwrap();
    container.unchecked_into()
}
