import { CloseCircleFilled, CloseOutlined, LoadingOutlined, SearchOutlined } from '@ant-design/icons';
import { LIBRARY_ICON_NAMES } from './icon-names.ts';
import { T } from './text.ts';

/*
 * The library's icons name themselves in English for screen readers ("close", "search"): every
 * icon the console shows is one of these, labelled in Vietnamese or hidden when its button says it.
 */

/** allowClear of a Select or an Input: the clearing button named in Vietnamese (by its icon's label). */
export const CLEARABLE = { clearIcon: <CloseCircleFilled aria-label={T.clear} />, label: T.clear };

export const CloseIcon = () => <CloseOutlined aria-hidden />;
export const SearchIcon = () => <SearchOutlined aria-hidden />;
export const ErrorIcon = () => <CloseCircleFilled aria-hidden />;
/** Every button's and select's busy spinner, set once for the whole console (antd's announces "loading"). */
export const LoadingIcon = <LoadingOutlined aria-hidden />;

/**
 * Names the library's icons in Vietnamese wherever they appear, the drop-downs and dialogs drawn
 * outside the app's root included: the icons the console draws itself are named above, but a
 * select's arrow, a table's sort or the pages come from inside the library.
 */
export function nameLibraryIconsInVietnamese(root: HTMLElement): void {
  const rename = (el: Element) => {
    const name = LIBRARY_ICON_NAMES[el.getAttribute('aria-label') ?? ''];
    if (name) el.setAttribute('aria-label', name);
  };
  const scan = (node: Node) => {
    if (!(node instanceof Element)) return;
    if (node.matches('.anticon[aria-label]')) rename(node);
    node.querySelectorAll('.anticon[aria-label]').forEach(rename);
  };
  scan(root);
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === 'attributes') rename(c.target as Element);
      else c.addedNodes.forEach(scan);
    }
  }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
}
