// The signing page's placement step: a box over the picture of the page, moved by dragging and resized by its
// lower-right handle (mouse, pen or touch), kept in step with the x / y / width / height fields, which are in PDF
// points from the displayed page's lower-left corner. Without JavaScript the fields alone do the same.
(function () {
  'use strict';
  var preview = document.getElementById('page-preview');
  var image = document.getElementById('page-image');
  var box = document.getElementById('signature-box');
  var handle = document.getElementById('resize-handle');
  var visible = document.getElementById('visible');
  var fieldset = document.getElementById('box-fields');
  if (!preview || !image || !box) {
    return;
  }
  var pageWidth = parseFloat(preview.getAttribute('data-page-width'));
  var pageHeight = parseFloat(preview.getAttribute('data-page-height'));
  var MIN = 20;
  var fields = {
    x: document.getElementById('x'),
    y: document.getElementById('y'),
    width: document.getElementById('width'),
    height: document.getElementById('height')
  };

  function value(name) {
    var number = parseFloat(fields[name].value);
    return isNaN(number) ? 0 : number;
  }

  function clamp(number, low, high) {
    return Math.max(low, Math.min(high, number));
  }

  /** Points per CSS pixel of the picture as shown. */
  function scale() {
    return image.clientWidth > 0 ? image.clientWidth / pageWidth : 1;
  }

  /** Draws the box from the fields. */
  function draw() {
    var s = scale();
    var width = value('width');
    var height = value('height');
    box.style.left = (value('x') * s) + 'px';
    box.style.top = ((pageHeight - value('y') - height) * s) + 'px';
    box.style.width = (width * s) + 'px';
    box.style.height = (height * s) + 'px';
  }

  /** Writes a box, in points, to the fields, kept inside the page. */
  function write(x, y, width, height) {
    width = clamp(width, MIN, pageWidth);
    height = clamp(height, MIN, pageHeight);
    fields.x.value = Math.round(clamp(x, 0, pageWidth - width));
    fields.y.value = Math.round(clamp(y, 0, pageHeight - height));
    fields.width.value = Math.round(width);
    fields.height.value = Math.round(height);
    draw();
  }

  var drag = null;

  box.addEventListener('pointerdown', function (event) {
    event.preventDefault();
    box.setPointerCapture(event.pointerId);
    drag = {
      resize: event.target === handle,
      startX: event.clientX,
      startY: event.clientY,
      x: value('x'),
      y: value('y'),
      width: value('width'),
      height: value('height')
    };
  });

  box.addEventListener('pointermove', function (event) {
    if (!drag) {
      return;
    }
    var s = scale();
    var dx = (event.clientX - drag.startX) / s;
    var dy = (event.clientY - drag.startY) / s;
    if (drag.resize) {
      // The lower-right corner moves; the upper-left one stays where it is.
      var height = clamp(drag.height + dy, MIN, drag.y + drag.height);
      write(drag.x, drag.y + drag.height - height, drag.width + dx, height);
    } else {
      write(drag.x + dx, drag.y - dy, drag.width, drag.height);
    }
  });

  function stop() {
    drag = null;
  }
  box.addEventListener('pointerup', stop);
  box.addEventListener('pointercancel', stop);

  // A click on the page puts the box's upper-left corner there.
  image.addEventListener('click', function (event) {
    var rect = image.getBoundingClientRect();
    var s = scale();
    var x = (event.clientX - rect.left) / s;
    var top = (event.clientY - rect.top) / s;
    write(x, pageHeight - top - value('height'), value('width'), value('height'));
  });

  Object.keys(fields).forEach(function (name) {
    fields[name].addEventListener('input', draw);
  });

  function showBox() {
    box.hidden = !visible.checked;
    fieldset.disabled = !visible.checked;
  }
  visible.addEventListener('change', showBox);
  window.addEventListener('resize', draw);
  if (image.complete) {
    draw();
  } else {
    image.addEventListener('load', draw);
  }
  showBox();
})();
